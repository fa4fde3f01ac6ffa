// "History" card on a contact, company or deal: every action that touched the record, newest
// first, each undoable while nothing changed the same fields since.
import { useEffect, useState } from "react";
import { Button, Card, Divider, Group, Loader, Stack, Text } from "@mantine/core";
import { commands, type HistoryAction } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { ActionItem } from "./ActionItem";
import { undoAction } from "./undo";

const SHOWN = 5;

export function RecordHistory({ entity, id }: { entity: "contacts" | "companies" | "deals"; id: string }) {
  const { version, changed } = useData();
  const [all, setAll] = useState(false);
  const { data, loading } = useLoad(
    () => call(commands.historyList({ entity, record_id: id, before: null, limit: 200 })),
    [entity, id, version],
  );
  // Older pages, loaded on demand (a long-lived record can have hundreds of actions).
  const [older, setOlder] = useState<{ actions: HistoryAction[]; has_more: boolean } | null>(null);
  useEffect(() => setOlder(null), [entity, id, version]);
  const actions = [...(data?.actions ?? []), ...(older?.actions ?? [])];
  const hasMore = older ? older.has_more : !!data?.has_more;
  const loadOlder = async () => {
    const last = actions[actions.length - 1];
    if (!last) return;
    const page = await call(commands.historyList({ entity, record_id: id, before: last.id, limit: 200 }));
    setOlder({ actions: [...(older?.actions ?? []), ...page.actions], has_more: page.has_more });
    setAll(true);
  };
  const shown = all ? actions : actions.slice(0, SHOWN);
  const undo = (a: HistoryAction) => void undoAction(a.id, changed);
  return (
    <Card withBorder padding="md" data-testid="record-history">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>History</Text>
        {loading && <Loader size="xs" />}
      </Group>
      {!loading && actions.length === 0 && (
        <Text size="sm" c="dimmed">No changes recorded yet. Edits from now on show here and can be undone.</Text>
      )}
      <Stack gap="sm">
        {shown.map((a, i) => (
          <Stack key={a.id} gap="sm">
            {i > 0 && <Divider />}
            <ActionItem action={a} onUndo={undo} />
          </Stack>
        ))}
      </Stack>
      <Group gap="xs" mt="xs">
        {actions.length > SHOWN && (
          <Button variant="subtle" size="compact-sm" onClick={() => setAll(!all)}>
            {all ? "Show fewer" : `Show all ${actions.length}${hasMore ? "+" : ""}`}
          </Button>
        )}
        {all && hasMore && (
          <Button variant="subtle" size="compact-sm" onClick={() => void loadOlder()} data-testid="history-older">Show older</Button>
        )}
      </Group>
    </Card>
  );
}
