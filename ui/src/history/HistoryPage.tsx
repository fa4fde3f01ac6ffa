// History: everything done in Hearth, newest first, each action undoable; how long it is kept.
import { useEffect, useState } from "react";
import { Button, Card, Divider, Group, Kbd, Loader, NumberInput, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import { commands, type HistoryAction } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { useLoad } from "../lib/useLoad";
import { modKey } from "../app/nav";
import { ActionItem } from "./ActionItem";
import { undoAction } from "./undo";

const PAGE = 50;

function KeepCard() {
  const settings = useLoad(() => call(commands.historySettings()), []);
  const [days, setDays] = useState<number | string>("");
  const s = settings.data;
  useEffect(() => {
    if (s) setDays(s.retention_days);
  }, [s]);
  const save = async () => {
    try {
      settings.setData(await call(commands.historyRetentionSet(Number(days))));
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Text fw={500} size="sm">Keep the history for</Text>
          <Text size="xs" c="dimmed">
            Older actions are removed once a day; never less than {s?.min_retention_days ?? 90} days.
            {s?.oldest ? ` The oldest kept is from ${formatDate(s.oldest)}.` : ""}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <NumberInput
            value={days}
            onChange={setDays}
            min={s?.min_retention_days ?? 90}
            max={36500}
            suffix=" days"
            w={130}
            aria-label="Days to keep the history"
            data-testid="history-keep-days"
          />
          <Button variant="default" onClick={save} disabled={!s || Number(days) === s.retention_days} data-testid="history-keep-save">
            Save
          </Button>
        </Group>
      </Group>
    </Card>
  );
}

export function HistoryPage() {
  const { version, changed } = useData();
  const [older, setOlder] = useState<HistoryAction[]>([]);
  const [more, setMore] = useState<boolean | null>(null);
  const first = useLoad(() => call(commands.historyList({ entity: null, record_id: null, before: null, limit: PAGE })), [version]);
  useEffect(() => {
    setOlder([]);
    setMore(null);
  }, [version]);
  const actions = [...(first.data?.actions ?? []), ...older];
  const hasMore = more ?? first.data?.has_more ?? false;

  const loadMore = async () => {
    const last = actions[actions.length - 1];
    if (!last) return;
    try {
      const page = await call(commands.historyList({ entity: null, record_id: null, before: last.id, limit: PAGE }));
      setOlder((o) => [...o, ...page.actions]);
      setMore(page.has_more);
    } catch (e) {
      notifyError(e);
    }
  };
  const undo = (a: HistoryAction) => void undoAction(a.id, changed);

  return (
    <ScrollArea h="100%" data-testid="history-page">
      <Stack p="lg" gap="lg" maw={900}>
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2}>History</Title>
            <Text size="sm" c="dimmed">
              Every change, newest first. Undo any of them while nothing changed the same fields since; <Kbd size="xs">{modKey}</Kbd>+<Kbd size="xs">Z</Kbd> undoes the last one.
            </Text>
          </Stack>
          <Button leftSection={<IconArrowBackUp size={16} />} variant="default" onClick={() => void undoAction(null, changed)} data-testid="history-undo-last">
            Undo last
          </Button>
        </Group>
        <KeepCard />
        <Card withBorder padding="md">
          {first.loading && actions.length === 0 && <Loader size="sm" />}
          {!first.loading && actions.length === 0 && (
            <Text size="sm" c="dimmed">Nothing recorded yet. Your changes will show here.</Text>
          )}
          <Stack gap="sm">
            {actions.map((a, i) => (
              <Stack key={a.id} gap="sm">
                {i > 0 && <Divider />}
                <ActionItem action={a} onUndo={undo} linked />
              </Stack>
            ))}
          </Stack>
          {hasMore && (
            <Button variant="subtle" mt="sm" onClick={loadMore} data-testid="history-more">Show older</Button>
          )}
        </Card>
      </Stack>
    </ScrollArea>
  );
}
