// The "moved to the trash — Undo" notification shared by every delete (the back end keeps
// deleted rows in a trash, so undo is a restore).
import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { notifyError } from "./api";

interface Deleted {
  /** Unique per deleted row, so a second delete does not replace the first notification. */
  id: string;
  title: string;
  text: string;
  /** Restores the row and refreshes what shows it; errors are reported here. */
  undo: () => Promise<void>;
}

export function notifyDeleted({ id, title, text, undo }: Deleted) {
  notifications.show({
    id,
    title,
    autoClose: 10000,
    message: (
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" truncate="end">{text}</Text>
        <Button
          size="compact-sm"
          variant="light"
          data-testid="undo-delete"
          onClick={async () => {
            notifications.hide(id);
            try {
              await undo();
            } catch (e) {
              notifyError(e);
            }
          }}
        >
          Undo
        </Button>
      </Group>
    ),
  });
}
