// A contact's sequences: where they are in each, pause/resume/stop, enrol in another (refusals
// said in words), and their latest e-mails in the outbox.
import { useState } from "react";
import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconMailForward } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatShortDate } from "../lib/dates";
import { errorMessage, isCoreError } from "../lib/errors";
import { useScheduleEvent } from "../lib/schedule";
import { useLoad } from "../lib/useLoad";
import { OutboxBadge } from "../outbox/OutboxMessage";
import { EnrolmentActions, EnrolmentBadge, enrolmentNext, enrolmentPlace } from "./EnrolmentActions";

const OUTBOX_SHOWN = 5;

export function ContactSequences({ contactId }: { contactId: string }) {
  const { version, changed } = useData();
  const data = useLoad(async () => {
    const [enrolments, names, outbox] = await Promise.all([
      call(commands.enrolmentsList(contactId, null, null)),
      call(commands.sequenceNames()),
      call(commands.outboxList(null, contactId)),
    ]);
    return { enrolments, names, outbox: outbox.items };
  }, [contactId, version]);
  useScheduleEvent(data.reload);
  const [sequenceId, setSequenceId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const enrolments = data.data?.enrolments ?? [];
  const inAlready = new Set(enrolments.map((e) => e.sequence.id));
  const options = (data.data?.names ?? []).filter((n) => !inAlready.has(n.id)).map((n) => ({ value: n.id, label: n.name }));

  const enrol = async () => {
    if (!sequenceId) return;
    setBusy(true);
    setProblem(null);
    setInfo(null);
    const name = data.data?.names.find((n) => n.id === sequenceId)?.name ?? "the sequence";
    try {
      const r = await call(commands.sequenceEnrol(sequenceId, { kind: "contacts", ids: [contactId] }));
      if (r.refused.length > 0 || r.refused_count > 0) setProblem(r.refused[0]?.reason ?? "They could not be enrolled.");
      else if (r.enrolled === 0 && r.already > 0) setInfo(`Already in “${name}” (now or before): no one is enrolled twice.`);
      else {
        notifications.show({ color: "green", title: "Enrolled", message: `In “${name}”` });
        setSequenceId(null);
        changed();
      }
    } catch (e) {
      const core = coreOf(e);
      if (isCoreError(core) && core.kind !== "storage") setProblem(errorMessage(core));
      else notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const outbox = data.data?.outbox ?? [];
  return (
    <Card withBorder padding="md" data-testid="contact-sequences">
      <Group gap="xs" mb="xs"><IconMailForward size={18} /><Title order={5}>Sequences</Title></Group>
      <Stack gap="sm">
        {data.data && enrolments.length === 0 && <Text size="sm" c="dimmed">Not in any sequence.</Text>}
        {enrolments.map((e) => (
          <Stack key={e.id} gap={2} data-testid="contact-enrolment">
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs" wrap="nowrap">
                <Anchor component={Link} to={`/sequences/${e.sequence.id}`} size="sm" fw={500}>{e.sequence.name}</Anchor>
                <EnrolmentBadge e={e} />
              </Group>
              <EnrolmentActions e={e} onChanged={changed} />
            </Group>
            <Text size="xs" c="dimmed">
              {e.status === "finished" ? enrolmentNext(e) : `${enrolmentPlace(e)} · ${enrolmentNext(e)}`}
            </Text>
          </Stack>
        ))}
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select style={{ flex: 1 }} size="xs" label="Enrol in a sequence" placeholder={options.length ? "Choose a sequence" : "No other sequence"}
            data={options} value={sequenceId} searchable data-testid="enrol-sequence-select"
            onChange={(v) => { setSequenceId(v); setProblem(null); setInfo(null); }} />
          <Button size="xs" onClick={enrol} loading={busy} disabled={!sequenceId} data-testid="enrol-sequence-button">Enrol</Button>
        </Group>
        {problem && <Alert color="red" p="xs" data-testid="enrol-refusal">{problem}</Alert>}
        {info && <Text size="xs" c="dimmed">{info}</Text>}
        {outbox.length > 0 && (
          <Stack gap={4} data-testid="contact-outbox">
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">E-mails</Text>
            {outbox.slice(0, OUTBOX_SHOWN).map((m) => (
              <Group key={m.id} gap="xs" wrap="nowrap" justify="space-between">
                <Text size="xs" truncate="end" style={{ flex: 1 }}>{m.subject}</Text>
                <Text size="xs" c="dimmed" w={80} ta="right">{formatShortDate(m.sent_at ?? m.send_after)}</Text>
                <OutboxBadge item={m} />
              </Group>
            ))}
            <Anchor component={Link} to="/outbox" size="xs">
              {outbox.length > OUTBOX_SHOWN ? `All ${outbox.length} in the outbox` : "Open the outbox"}
            </Anchor>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
