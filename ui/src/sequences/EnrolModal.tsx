// "Enrol…": contacts (picked by search, or a selection) or a whole segment into a sequence, then
// what happened: who was enrolled, who was in it already, who was refused and why.
import { useMemo, useState } from "react";
import { Alert, Anchor, Badge, Button, CloseButton, Group, List, Modal, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link } from "react-router-dom";
import { commands, type EnrolResult, type EnrolTarget, type EntityRef } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { errorMessage, isCoreError } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { useSearch } from "../search/useSearch";
import { plural } from "./format";
import { formatNumber } from "../lib/numbers";

interface Props {
  /** The sequence, when fixed (its editor); otherwise chosen here. */
  sequence?: EntityRef;
  /** Who, when fixed (a segment, a selection); otherwise chosen here. */
  target?: EnrolTarget;
  /** Who, in words, when fixed ("the 42 contacts of “Hot leads”"). */
  targetLabel?: string;
  onClose: () => void;
  onDone?: (r: EnrolResult) => void;
}

/** "3 enrolled · 1 already in it · 2 refused", with each refusal's reason. */
export function EnrolResultView({ result }: { result: EnrolResult }) {
  const more = result.refused_count - result.refused.length;
  return (
    <Stack gap="xs" data-testid="enrol-result">
      <Group gap="xs">
        <Badge color="green" variant="light">{formatNumber(result.enrolled)} enrolled</Badge>
        {result.already > 0 && <Badge color="gray" variant="light">{plural(result.already, "was", "were")} in it already</Badge>}
        {result.refused_count > 0 && <Badge color="red" variant="light">{formatNumber(result.refused_count)} refused</Badge>}
      </Group>
      {result.already > 0 && (
        <Text size="xs" c="dimmed">No one is enrolled in the same sequence twice, even after they left it.</Text>
      )}
      {result.refused.length > 0 && (
        <List size="sm" spacing={2} data-testid="enrol-refusals">
          {result.refused.map((r) => (
            <List.Item key={r.contact.id}>
              <Anchor component={Link} to={`/contacts/${r.contact.id}`} size="sm">{r.contact.name}</Anchor>: {r.reason}
            </List.Item>
          ))}
          {more > 0 && <List.Item>…and {plural(more, "other")}.</List.Item>}
        </List>
      )}
    </Stack>
  );
}

function ContactsPicker({ value, onChange }: { value: EntityRef[]; onChange: (v: EntityRef[]) => void }) {
  const [text, setText] = useState("");
  const { hits } = useSearch(text, 15);
  const options = useMemo(
    () => hits.filter((h) => h.kind === "contact" && !value.some((v) => v.id === h.id)).map((h) => ({ value: h.id, label: h.title })),
    [hits, value],
  );
  return (
    <Stack gap="xs">
      <Select label="Add contacts" placeholder="Type a name to search…" searchable data={options} value={null} searchValue={text}
        onSearchChange={setText} filter={({ options: o }) => o} data-testid="enrol-contact-search"
        nothingFoundMessage={text.trim() ? "No match" : "Type to search"}
        onChange={(id, option) => {
          if (!id) return;
          onChange([...value, { id, name: option.label }]);
          setText("");
        }} />
      <Group gap={6}>
        {value.map((c) => (
          <Badge key={c.id} variant="light" tt="none" data-testid="enrol-picked"
            rightSection={<CloseButton size="xs" aria-label={`Remove ${c.name}`} onClick={() => onChange(value.filter((v) => v.id !== c.id))} />}>
            {c.name}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

export function EnrolModal({ sequence, target, targetLabel, onClose, onDone }: Props) {
  const names = useLoad(() => (sequence ? Promise.resolve([sequence]) : call(commands.sequenceNames())), [sequence?.id]);
  const segments = useLoad(() => (target ? Promise.resolve([]) : call(commands.segmentsNames())), [!!target]);
  const [sequenceId, setSequenceId] = useState<string | null>(sequence?.id ?? null);
  const [mode, setMode] = useState<"contacts" | "segment">("contacts");
  const [picked, setPicked] = useState<EntityRef[]>([]);
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [result, setResult] = useState<EnrolResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const who: EnrolTarget | null =
    target ?? (mode === "segment" ? (segmentId ? { kind: "segment", id: segmentId } : null) : picked.length ? { kind: "contacts", ids: picked.map((p) => p.id) } : null);
  const name = sequence?.name ?? names.data?.find((n) => n.id === sequenceId)?.name ?? "";

  const enrol = async () => {
    if (!sequenceId || !who) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call(commands.sequenceEnrol(sequenceId, who));
      setResult(r);
      if (r.enrolled > 0) notifications.show({ color: "green", title: "Enrolled", message: `${plural(r.enrolled, "contact")} in “${name}”` });
      onDone?.(r);
    } catch (e) {
      const core = coreOf(e);
      if (isCoreError(core) && core.kind !== "storage") setError(errorMessage(core));
      else notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={sequence ? `Enrol in “${sequence.name}”` : "Enrol in a sequence"} size="lg">
      {result ? (
        <Stack>
          <EnrolResultView result={result} />
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="enrol-close">Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          {!sequence && (
            <Select label="Sequence" placeholder="Choose a sequence" searchable data={(names.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
              value={sequenceId} onChange={setSequenceId} data-testid="enrol-modal-sequence"
              nothingFoundMessage="No active or paused sequence" />
          )}
          {target ? (
            <Text size="sm">Enrol {targetLabel ?? "the chosen contacts"}.</Text>
          ) : (
            <>
              <SegmentedControl aria-label="Who to enrol" value={mode} onChange={(v) => setMode(v as "contacts" | "segment")}
                data={[{ value: "contacts", label: "Chosen contacts" }, { value: "segment", label: "A whole segment" }]} />
              {mode === "contacts" ? (
                <ContactsPicker value={picked} onChange={setPicked} />
              ) : (
                <Select label="Segment" placeholder="Choose a segment" searchable value={segmentId} onChange={setSegmentId}
                  data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))} data-testid="enrol-segment" />
              )}
            </>
          )}
          <Text size="xs" c="dimmed">
            Contacts marked “Do not contact”, without an e-mail address (for sequences that send e-mails) or who withdrew consent are
            refused, with the reason. The first step falls due after its delay.
          </Text>
          {error && <Alert color="red" data-testid="enrol-error">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button onClick={enrol} loading={busy} disabled={!sequenceId || !who} data-testid="enrol-submit">Enrol</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
