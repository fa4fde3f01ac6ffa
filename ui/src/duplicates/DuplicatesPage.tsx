// Likely duplicates across the whole database, grouped, with a confidence and the reason;
// merge any group (undoable) and see past merges.
import { useState } from "react";
import { Anchor, Badge, Button, Card, Group, Loader, ScrollArea, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCopy } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type DuplicateGroup, type MergeRecord, type RecordKind } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate, formatDateTime } from "../lib/dates";
import { useLoad } from "../lib/useLoad";
import { MergeModal } from "./MergeModal";
import { REASON_LABELS, confidenceColor } from "./merge";
import { formatNumber } from "../lib/numbers";

const PAGE = 50;

const href = (kind: RecordKind, id: string) => (kind === "contact" ? `/contacts/${id}` : `/companies/${id}`);

function GroupCard({ g, onMerge }: { g: DuplicateGroup; onMerge: () => void }) {
  return (
    <Card withBorder padding="md" data-testid="duplicate-group">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Badge color={confidenceColor(g.confidence)} variant="light">{g.confidence}% likely</Badge>
          <Badge variant="outline">{REASON_LABELS[g.reason]}</Badge>
          <Text size="sm" c="dimmed">{g.detail}</Text>
        </Group>
        <Button size="compact-sm" onClick={onMerge} data-testid="merge-open">Merge…</Button>
      </Group>
      <Stack gap={2}>
        {g.records.map((r) => (
          <Group key={r.id} gap="sm">
            <Anchor component={Link} to={href(g.kind, r.id)} fw={500}>{r.name}</Anchor>
            {r.subtitle && <Text size="sm" c="dimmed">{r.subtitle}</Text>}
            <Text size="xs" c="dimmed">added {formatDate(r.created_at)}</Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

export function DuplicatesPage() {
  const { version, changed } = useData();
  const [kind, setKind] = useState<"all" | RecordKind>("all");
  const [limit, setLimit] = useState(PAGE);
  const [merging, setMerging] = useState<DuplicateGroup | null>(null);
  const page = useLoad(() => call(commands.duplicatesFind({ kind: kind === "all" ? null : kind, offset: 0, limit })), [kind, limit, version]);
  const merges = useLoad(() => call(commands.mergesList()), [version]);

  const undo = async (m: MergeRecord) => {
    try {
      await call(commands.mergeUndo(m.id));
      notifications.show({ color: "green", title: "Merge undone", message: `${m.merged_count + 1} records are separate again.` });
      changed();
    } catch (e) {
      notifyError(e);
    }
  };
  const merged = (m: MergeRecord) => {
    setMerging(null);
    changed();
    notifications.show({
      id: `merge-${m.id}`,
      color: "green",
      title: "Merged",
      autoClose: 10000,
      message: (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{m.merged_count + 1} records are now {m.survivor_name}.</Text>
          <Button size="compact-sm" variant="light" onClick={() => { notifications.hide(`merge-${m.id}`); void undo(m); }}>Undo</Button>
        </Group>
      ),
    });
  };

  const groups = page.data?.groups ?? [];
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="lg" maw={1000}>
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>Duplicates</Title>
            <Text c="dimmed" data-testid="duplicates-total">
              {page.data ? `${formatNumber(page.data.total)} groups of likely duplicates across all your data` : "Looking…"}
            </Text>
          </div>
          <SegmentedControl value={kind} onChange={(v) => { setKind(v as "all" | RecordKind); setLimit(PAGE); }}
            data={[{ value: "all", label: "All" }, { value: "contact", label: "Contacts" }, { value: "company", label: "Companies" }]} />
        </Group>
        {page.loading && !page.data && <Group justify="center"><Loader /></Group>}
        {page.data && groups.length === 0 && (
          <Card withBorder padding="xl">
            <Stack align="center" gap={4}>
              <IconCopy size={36} stroke={1.2} color="var(--mantine-color-dimmed)" />
              <Text fw={500}>No likely duplicates</Text>
              <Text size="sm" c="dimmed">Hearth compares e-mails, phones, names within a company and website domains.</Text>
            </Stack>
          </Card>
        )}
        {groups.map((g) => (
          <GroupCard key={`${g.kind}:${g.records.map((r) => r.id).join(",")}`} g={g} onMerge={() => setMerging(g)} />
        ))}
        {page.data && groups.length < page.data.total && (
          <Button variant="default" onClick={() => setLimit((l) => l + PAGE)} loading={page.loading}>Show more</Button>
        )}
        <Card withBorder padding="lg">
          <Title order={4} mb="sm">Merge history</Title>
          {(merges.data ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">No merges yet. Every merge can be undone from here.</Text>
          ) : (
            <Table striped data-testid="merge-history">
              <Table.Tbody>
                {(merges.data ?? []).map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{formatDateTime(m.merged_at)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={href(m.kind, m.survivor_id)}>{m.survivor_name}</Anchor>
                      <Text span size="sm" c="dimmed"> ← {m.merged_count} merged</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {m.undone_at ? <Badge color="gray" variant="light">Undone</Badge> : (
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => undo(m)}>Undo</Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </Stack>
      {merging && (
        <MergeModal kind={merging.kind} ids={merging.records.map((r) => r.id)} onClose={() => setMerging(null)} onMerged={merged} />
      )}
    </ScrollArea>
  );
}
