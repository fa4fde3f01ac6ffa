// "Where your data is": the database's folder and size, and moving it to another folder (a
// bigger disk, an encrypted or synced folder). Hearth copies and checks the data there, keeps
// the old file aside, and restarts to use the new place. Snapshots: Backups screen.
import { useState } from "react";
import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconFolder } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type DataMoved } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useLoad } from "../lib/useLoad";
import { formatSize } from "../backups/format";

export function DataFolderSettings() {
  const info = useLoad(() => call(commands.dataFolderGet()), []);
  const [moving, setMoving] = useState(false);
  const [moved, setMoved] = useState<DataMoved | null>(null);
  const f = info.data;

  const move = async (folder: string) => {
    setMoving(true);
    try {
      setMoved(await call(commands.dataFolderMove(folder)));
    } catch (e) {
      notifyError(e);
    } finally {
      setMoving(false);
    }
  };

  const pick = async (toDefault: boolean) => {
    try {
      const folder = toDefault ? f?.default_folder ?? null : await call(commands.dataFolderPick());
      if (!folder) return;
      modals.openConfirmModal({
        title: "Move your data?",
        children: (
          <Text size="sm">
            Hearth copies your data to <b>{folder}</b>, checks the copy and then restarts to use it. Until it restarts, nothing can be changed.
            The old file stays where it is, renamed to end in “.moved”. The calendar file moves along: if your calendar app
            subscribes to it, subscribe again from Settings → Calendar afterwards.
          </Text>
        ),
        labels: { confirm: "Move and restart", cancel: "Cancel" },
        confirmProps: { "data-testid": "confirm-move-data" },
        onConfirm: () => void move(folder),
      });
    } catch (e) {
      notifyError(e);
    }
  };

  const restart = () => call(commands.appRestart()).catch(notifyError);

  return (
    <Card withBorder padding="lg" data-testid="data-folder-settings">
      <Title order={4}>Where your data is</Title>
      <Text size="sm" c="dimmed" mb="sm">
        One file holds all of Hearth's data. Snapshots of it are set up on the <Anchor component={Link} to="/backups">Backups</Anchor> screen.
      </Text>
      {moved ? (
        <Alert color="green" title="Your data has moved" data-testid="data-moved">
          <Stack gap="xs">
            <Text size="sm">It is now in {moved.database}. Restart Hearth to go on working with it; the old file is kept as {moved.old_copy}.</Text>
            <Group><Button onClick={restart} data-testid="restart-now">Restart now</Button></Group>
          </Stack>
        </Alert>
      ) : (
        f && (
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }} data-testid="data-folder">{f.folder}</Text>
              <Text size="xs" c="dimmed">
                {formatSize(f.size_bytes)}{f.uses_default ? " · the usual place" : ""}
                {f.movable ? "" : " · Hearth was started on this file by name (--db or HEARTH_DB), so it is moved by hand"}
              </Text>
            </Stack>
            {f.movable && (
              <Group gap="xs" wrap="nowrap">
                <Button variant="default" leftSection={<IconFolder size={16} />} loading={moving} onClick={() => pick(false)} data-testid="data-folder-move">
                  Move…
                </Button>
                {!f.uses_default && f.default_folder && <Button variant="subtle" disabled={moving} onClick={() => pick(true)}>Move back to the usual place</Button>}
              </Group>
            )}
          </Group>
        )
      )}
    </Card>
  );
}
