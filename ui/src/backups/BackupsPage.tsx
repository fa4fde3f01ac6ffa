// Backups: the snapshots Hearth keeps, "Back up now", where they are kept, and restoring one.
import { useState } from "react";
import { Alert, Badge, Button, Card, Group, Loader, ScrollArea, Stack, Table, Text, Title } from "@mantine/core";
import { modals } from "@mantine/modals";
import { notifications } from "@mantine/notifications";
import { IconDeviceFloppy, IconFolder, IconRestore } from "@tabler/icons-react";
import { commands, type Snapshot } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatDateTime } from "../lib/dates";
import { useLoad } from "../lib/useLoad";
import { REASON_LABELS, describeCounts, formatSize } from "./format";

/** Asks before a restore, then restores and says how to go back. */
export function askRestore(s: Snapshot, done: () => void) {
  modals.openConfirmModal({
    title: "Restore this snapshot?",
    children: (
      <Text size="sm">
        Your data will be replaced by the snapshot from {formatDateTime(s.taken_at)} ({describeCounts(s)}). Hearth first
        saves a snapshot of your data as it is now, so you can go back.
      </Text>
    ),
    labels: { confirm: "Restore", cancel: "Cancel" },
    confirmProps: { color: "orange", "data-testid": "confirm-restore" },
    onConfirm: () => void restore(s, done),
  });
}

async function restore(s: Snapshot, done: () => void) {
  const id = notifications.show({ loading: true, title: "Restoring…", message: formatDateTime(s.taken_at), autoClose: false });
  try {
    const outcome = await call(commands.backupRestore(s.file_name));
    const back = outcome.previous ? ` Your data from before is in the snapshot “${REASON_LABELS.before_restore}” of ${formatDateTime(outcome.previous.taken_at)}.` : "";
    const kept = outcome.damaged_file_kept_at ? ` The damaged file was kept at ${outcome.damaged_file_kept_at}.` : "";
    notifications.update({ id, loading: false, color: "green", title: "Restored", message: `Your data is as it was on ${formatDateTime(outcome.restored_taken_at)}.${back}${kept}`, autoClose: 10000 });
    done();
  } catch (e) {
    notifications.hide(id);
    notifyError(e);
  }
}

function FolderCard({ onChanged }: { onChanged: () => void }) {
  const settings = useLoad(() => call(commands.backupSettings()), []);
  const s = settings.data;
  const choose = async (folder: string | null) => {
    try {
      settings.setData(await call(commands.backupFolderSet(folder)));
      onChanged();
    } catch (e) {
      notifyError(e);
    }
  };
  const pick = async () => {
    try {
      const folder = await call(commands.backupFolderPick());
      if (folder) await choose(folder);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={500} size="sm">Kept in</Text>
          <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }} data-testid="backup-folder">{s?.folder ?? "…"}</Text>
          <Text size="xs" c="dimmed">
            Choose a synced folder or an external disk to keep copies off this computer. Snapshots already taken stay where they are.
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" leftSection={<IconFolder size={16} />} onClick={pick} data-testid="backup-folder-pick">Change…</Button>
          {s && !s.uses_default && <Button variant="subtle" onClick={() => choose(null)}>Use the default</Button>}
        </Group>
      </Group>
      {s?.last_error && (
        <Alert color="red" mt="sm" title="The last automatic snapshot failed">{s.last_error}</Alert>
      )}
    </Card>
  );
}

export function BackupsPage() {
  const { changed } = useData();
  const list = useLoad(() => call(commands.backupsList()), []);
  const [busy, setBusy] = useState(false);
  const backUpNow = async () => {
    setBusy(true);
    try {
      const s = await call(commands.backupNow());
      notifications.show({ color: "green", title: "Backed up", message: `${describeCounts(s)} — checked and saved.` });
      list.reload();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const snapshots = list.data ?? [];
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="lg" maw={1000}>
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>Backups</Title>
            <Text c="dimmed" size="sm" maw={640}>
              Hearth saves a checked snapshot of your data every 15 minutes while it changes, when you close the app and before
              every update. It keeps every hour of the last day, a day for two weeks and a week for two months after that.
            </Text>
          </div>
          <Button leftSection={<IconDeviceFloppy size={18} />} onClick={backUpNow} loading={busy} data-testid="backup-now">
            Back up now
          </Button>
        </Group>
        <FolderCard onChanged={list.reload} />
        {list.loading && !list.data ? (
          <Loader />
        ) : snapshots.length === 0 ? (
          <Text c="dimmed" data-testid="backups-empty">No snapshots yet. The first one is taken a minute after your first change, or now with “Back up now”.</Text>
        ) : (
          <Table striped highlightOnHover data-testid="backups-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Taken</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th>Holds</Table.Th>
                <Table.Th ta="right">Size</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {snapshots.map((s) => (
                <Table.Tr key={s.file_name} data-testid="backup-row">
                  <Table.Td>{formatDateTime(s.taken_at)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={s.reason === "scheduled" ? "gray" : "blue"}>{REASON_LABELS[s.reason]}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={s.problem ? "red" : undefined} title={s.problem ?? undefined}>{describeCounts(s)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">{formatSize(s.size_bytes)}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconRestore size={14} />}
                      disabled={s.problem !== null}
                      onClick={() => askRestore(s, () => { changed(); list.reload(); })}
                      data-testid="backup-restore"
                    >
                      Restore…
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </ScrollArea>
  );
}
