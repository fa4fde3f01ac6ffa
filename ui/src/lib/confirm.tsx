// A red "are you sure?" dialog for destructive actions.
import { Text } from "@mantine/core";
import { modals } from "@mantine/modals";

interface Confirm {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
}

export function confirmDanger({ title, body, confirmLabel, onConfirm }: Confirm) {
  modals.openConfirmModal({
    title,
    children: <Text size="sm">{body}</Text>,
    labels: { confirm: confirmLabel, cancel: "Cancel" },
    confirmProps: { color: "red", "data-testid": "confirm-delete" },
    onConfirm: () => void onConfirm(),
  });
}

/** An "are you sure?" dialog for actions that are not destructive but go out (sending). */
export function confirmAction({ title, body, confirmLabel, onConfirm }: Confirm) {
  modals.openConfirmModal({
    title,
    children: <Text size="sm">{body}</Text>,
    labels: { confirm: confirmLabel, cancel: "Cancel" },
    confirmProps: { "data-testid": "confirm-action" },
    onConfirm: () => void onConfirm(),
  });
}
