// Newest-first activity timeline for a contact or a company, with buttons to log new ones.
import { useCallback, useEffect, useRef, useState } from "react";
import { Button, Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { commands, type Activity, type ActivityKind } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { notifyDeleted } from "../lib/undo";
import { ActivityModal } from "./ActivityModal";
import { TimelineItem } from "./TimelineItem";
import { KIND_ICONS } from "./kinds";
import { useIntent } from "../app/intents";

const PAGE = 20;

const BUTTONS: { kind: ActivityKind; label: string; testId: string }[] = [
  { kind: "call", label: "Call", testId: "log-call" },
  { kind: "email", label: "E-mail", testId: "log-email" },
  { kind: "meeting", label: "Meeting", testId: "log-meeting" },
  { kind: "note", label: "Note", testId: "log-note" },
  { kind: "task", label: "Task", testId: "add-task" },
];

interface Props {
  contactId?: string;
  companyId?: string;
  dealId?: string;
  onChanged?: () => void;
}

export function Timeline({ contactId, companyId, dealId, onChanged }: Props) {
  const [items, setItems] = useState<Activity[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [logging, setLogging] = useState<ActivityKind | null>(null);
  const logCall = useCallback(() => setLogging("call"), []);
  useIntent("log-call", true, logCall);
  const { changed, version } = useData();
  const seq = useRef(0);

  const load = useCallback(
    async (offset: number) => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const page = await call(
          commands.timeline({ contact_id: contactId ?? null, company_id: companyId ?? null, deal_id: dealId ?? null, offset, limit: PAGE }),
        );
        if (mine !== seq.current) return;
        setItems((old) => (offset === 0 ? page.items : [...old, ...page.items]));
        setHasMore(page.has_more);
      } catch (e) {
        notifyError(e);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [contactId, companyId, dealId],
  );

  useEffect(() => {
    void load(0);
  }, [load, version]);

  const afterChange = () => {
    void load(0);
    changed();
    onChanged?.();
  };

  const setDone = async (a: Activity, done: boolean) => {
    try {
      const updated = await call(commands.activitySetDone(a.id, done));
      setItems((list) => list.map((x) => (x.id === a.id ? updated : x)));
      changed();
      onChanged?.();
    } catch (e) {
      notifyError(e);
    }
  };

  const remove = async (a: Activity) => {
    try {
      await call(commands.activityDelete(a.id));
    } catch (e) {
      notifyError(e);
      return;
    }
    afterChange();
    notifyDeleted({
      id: `activity-deleted-${a.id}`,
      title: "Activity deleted",
      text: `“${a.subject}” was removed.`,
      undo: async () => {
        await call(commands.activityRestore(a.id));
        afterChange();
      },
    });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={4}>Timeline</Title>
        <Group gap={6}>
          {BUTTONS.map((b) => {
            const Icon = KIND_ICONS[b.kind];
            return (
              <Button key={b.kind} size="xs" variant={b.kind === "task" ? "filled" : "light"}
                leftSection={b.kind === "task" ? <IconPlus size={14} /> : <Icon size={14} />}
                onClick={() => setLogging(b.kind)} data-testid={b.testId}>
                {b.label}
              </Button>
            );
          })}
        </Group>
      </Group>
      {items.length === 0 && !loading && (
        <Card withBorder padding="xl">
          <Text ta="center" c="dimmed" size="sm">
            Nothing here yet. Log a call, an e-mail or a meeting, jot down a note, or add a task to follow up.
          </Text>
        </Card>
      )}
      <Stack gap="xs">
        {items.map((a) => (
          <TimelineItem key={a.id} activity={a} showContact={!contactId} onDone={setDone} onDelete={remove} />
        ))}
      </Stack>
      {loading && (
        <Center>
          <Loader size="sm" />
        </Center>
      )}
      {hasMore && !loading && (
        <Button variant="default" onClick={() => void load(items.length)} data-testid="timeline-more">
          Load more
        </Button>
      )}
      {logging && (
        <ActivityModal kind={logging} contactId={contactId ?? null} companyId={companyId ?? null} dealId={dealId ?? null}
          onClose={() => setLogging(null)}
          onSaved={() => {
            setLogging(null);
            afterChange();
          }} />
      )}
    </Stack>
  );
}
