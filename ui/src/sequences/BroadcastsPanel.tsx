// Broadcasts: one template to everyone in a segment who may get it. New, preview who it
// reaches (and who not and why), send with a confirmation, delete drafts.
import { useState } from "react";
import { ActionIcon, Alert, Anchor, Badge, Button, Group, Loader, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconSend, IconSpeakerphone, IconPlus, IconTrash } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type Broadcast, type Purpose } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { confirmAction, confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { formatDateTime } from "../lib/dates";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { lowerFirst, purposeLabel } from "../privacy/consent";
import { plural } from "./format";
import { formatNumber } from "../lib/numbers";

/** The consents a broadcast can rely on. */
const BROADCAST_PURPOSES: { value: Purpose; label: string }[] = [
  { value: "marketing_email", label: "Marketing e-mail" },
  { value: "newsletter", label: "Newsletter" },
];
const SHOWN = ["name", "template_id", "segment_id", "purpose"];

function NewBroadcast({ onClose, onCreated }: { onClose: () => void; onCreated: (b: Broadcast) => void }) {
  const { version } = useData();
  const options = useLoad(async () => {
    const [templates, segments] = await Promise.all([call(commands.templatesList()), call(commands.segmentsNames())]);
    return { templates, segments };
  }, [version]);
  const [name, setName] = useState("");
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [purpose, setPurpose] = useState<Purpose>("marketing_email");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const create = async () => {
    setSaving(true);
    try {
      onCreated(await call(commands.broadcastCreate({ name: name.trim(), template_id: templateId ?? "", segment_id: segmentId ?? "", purpose })));
    } catch (e) {
      const f = fieldErrors(coreOf(e));
      setErrors(f);
      notifyError(e, (k) => SHOWN.includes(k));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title="New broadcast">
      <Stack>
        <TextInput label="Name" withAsterisk placeholder="e.g. Spring opening hours" value={name} error={errors.name} data-autofocus
          onChange={(e) => setName(e.currentTarget.value)} data-testid="broadcast-name" />
        <Select label="Template" withAsterisk placeholder="The e-mail to send" searchable value={templateId} onChange={setTemplateId}
          data={(options.data?.templates ?? []).map((t) => ({ value: t.id, label: t.name }))} error={errors.template_id}
          data-testid="broadcast-template" nothingFoundMessage="No template: add one on the Templates tab" />
        <Select label="Segment" withAsterisk placeholder="Who gets it" searchable value={segmentId} onChange={setSegmentId}
          data={(options.data?.segments ?? []).map((s) => ({ value: s.id, label: s.name }))} error={errors.segment_id}
          data-testid="broadcast-segment" nothingFoundMessage="No segment: add one on the Segments screen" />
        <div>
          <Text size="sm" fw={500} mb={4} id="broadcast-purpose-label">What it is</Text>
          <SegmentedControl aria-labelledby="broadcast-purpose-label" data={BROADCAST_PURPOSES} value={purpose}
            onChange={(v) => setPurpose(v as Purpose)} data-testid="broadcast-purpose" />
          <Text size="xs" c={errors.purpose ? "red" : "dimmed"} mt={4}>
            {errors.purpose ?? `Only contacts who agreed to receive ${lowerFirst(purposeLabel(purpose))} get it.`}
          </Text>
        </div>
        <Text size="xs" c="dimmed">Nothing is sent yet: next you see who it would reach.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={create} loading={saving} data-testid="broadcast-create">Continue</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PreviewModal({ broadcast, onClose, onSent }: { broadcast: Broadcast; onClose: () => void; onSent: () => void }) {
  const preview = useLoad(() => call(commands.broadcastPreview(broadcast.id)), [broadcast.id]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const p = preview.data;
  const send = () =>
    confirmAction({
      title: `Send “${broadcast.name}”?`,
      body: `${p ? plural(p.will_send, "e-mail") : "The e-mails"} go into the outbox and out from there, within your sending rules. This can't be undone, though queued e-mails can be cancelled in the outbox.`,
      confirmLabel: "Send",
      onConfirm: async () => {
        setSending(true);
        setError(null);
        try {
          const b = await call(commands.broadcastSend(broadcast.id));
          notifications.show({ color: "green", title: "Broadcast queued", message: `${plural(b.queued, "e-mail")} in the outbox` });
          onSent();
        } catch (e) {
          setError(errorMessage(coreOf(e)));
        } finally {
          setSending(false);
        }
      },
    });
  const not = p ? p.do_not_contact + p.no_address + p.no_consent : 0;
  return (
    <Modal opened onClose={onClose} title={`Who “${broadcast.name}” reaches`} size="lg">
      {!p ? (
        preview.error ? <Alert color="red">{errorMessage(preview.error)}</Alert> : <Loader size="sm" />
      ) : (
        <Stack data-testid="broadcast-preview">
          <Text size="sm">
            {purposeLabel(broadcast.purpose)}: “{broadcast.template.name}” to the segment “{broadcast.segment.name}” ({plural(p.members, "member")}).
          </Text>
          <Group gap="xs">
            <Badge size="lg" color="green" variant="light" tt="none" data-testid="broadcast-will-send">{plural(p.will_send, "will get it", "will get it")}</Badge>
            {not > 0 && <Badge size="lg" color="gray" variant="light" tt="none">{formatNumber(not)} won't</Badge>}
          </Group>
          {not > 0 && (
            <Table verticalSpacing={4} maw={420}>
              <Table.Tbody>
                <Table.Tr><Table.Td>Asked not to be contacted</Table.Td><Table.Td ta="right">{p.do_not_contact}</Table.Td></Table.Tr>
                <Table.Tr><Table.Td>No e-mail address</Table.Td><Table.Td ta="right">{p.no_address}</Table.Td></Table.Tr>
                <Table.Tr><Table.Td>No consent to {lowerFirst(purposeLabel(broadcast.purpose))}</Table.Td><Table.Td ta="right">{p.no_consent}</Table.Td></Table.Tr>
              </Table.Tbody>
            </Table>
          )}
          {p.missing.length > 0 && (
            <Alert color="yellow" title="Some fields would be empty" data-testid="broadcast-missing">
              {p.missing.map(([field, n]) => (
                <Text size="sm" key={field}>
                  {plural(n, "recipient")} {n === 1 ? "has" : "have"} no value for {`{{${field}}}`}: give it a fallback in the template, e.g. {`{{${field}|there}}`}.
                </Text>
              ))}
              <Text size="xs" mt={4}>It can be sent once every field has a value or a fallback (edit the template on the Templates tab).</Text>
            </Alert>
          )}
          {p.last_at && <Text size="sm" c="dimmed">Because of your sending rules, the last one goes around {formatDateTime(p.last_at)}.</Text>}
          {error && (
            <Alert color="red" data-testid="broadcast-error">
              {error} {/Settings/.test(error) && <Anchor component={Link} to="/settings" size="sm">Open Settings</Anchor>}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Close</Button>
            <Button leftSection={<IconSend size={16} />} onClick={send} loading={sending} disabled={p.will_send === 0 || p.missing.length > 0}
              data-testid="broadcast-send">
              Send to {plural(p.will_send, "contact")}…
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

export function BroadcastsPanel() {
  const { version, changed } = useData();
  const list = useLoad(() => call(commands.broadcastsList()), [version]);
  const [creating, setCreating] = useState(false);
  const [previewing, setPreviewing] = useState<Broadcast | null>(null);
  const remove = (b: Broadcast) =>
    confirmDanger({
      title: `Delete the draft “${b.name}”?`,
      body: "Nothing was sent with it.",
      confirmLabel: "Delete",
      onConfirm: async () => {
        try {
          await call(commands.broadcastDelete(b.id));
          changed();
        } catch (e) {
          notifyError(e);
        }
      },
    });
  const rows = list.data ?? [];
  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="broadcast-new">New broadcast</Button>
      </Group>
      {list.data && rows.length === 0 && (
        <Stack align="center" gap={6} py="xl">
          <IconSpeakerphone size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
          <Text fw={500}>No broadcasts yet</Text>
          <Text size="sm" c="dimmed" ta="center" maw={460}>
            Send one e-mail to a whole segment — new opening hours, a seasonal offer. Hearth leaves out whoever asked not to be contacted
            or has not agreed to marketing e-mails.
          </Text>
        </Stack>
      )}
      {rows.length > 0 && (
        <Table verticalSpacing="sm" data-testid="broadcasts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Broadcast</Table.Th>
              <Table.Th>Template</Table.Th>
              <Table.Th>Segment</Table.Th>
              <Table.Th w={90}>Status</Table.Th>
              <Table.Th w={110} ta="right">Queued / skipped</Table.Th>
              <Table.Th w={170}>Sent</Table.Th>
              <Table.Th w={150} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((b) => (
              <Table.Tr key={b.id} data-testid="broadcast-row">
                <Table.Td>
                  <Text fw={500}>{b.name}</Text>
                  <Text size="xs" c="dimmed">{purposeLabel(b.purpose)}</Text>
                </Table.Td>
                <Table.Td>{b.template.name}</Table.Td>
                <Table.Td><Anchor component={Link} to={`/contacts?segment=${b.segment.id}`} size="sm">{b.segment.name}</Anchor></Table.Td>
                <Table.Td>
                  <Badge variant="light" color={b.status === "sent" ? "blue" : "gray"}>{b.status === "sent" ? "Sent" : "Draft"}</Badge>
                </Table.Td>
                <Table.Td ta="right">{b.status === "sent" ? `${b.queued} / ${b.skipped}` : "—"}</Table.Td>
                <Table.Td>{b.sent_at ? formatDateTime(b.sent_at) : "—"}</Table.Td>
                <Table.Td>
                  {b.status === "draft" && (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setPreviewing(b)} data-testid="broadcast-open">Preview & send</Button>
                      <Tooltip label="Delete draft">
                        <ActionIcon variant="subtle" color="red" aria-label={`Delete ${b.name}`} onClick={() => remove(b)}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && (
        <NewBroadcast onClose={() => setCreating(false)} onCreated={(b) => { setCreating(false); setPreviewing(b); changed(); }} />
      )}
      {previewing && (
        <PreviewModal broadcast={previewing} onClose={() => setPreviewing(null)} onSent={() => { setPreviewing(null); changed(); }} />
      )}
    </Stack>
  );
}
