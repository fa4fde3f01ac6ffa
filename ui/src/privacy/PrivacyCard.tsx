// A contact's consents, and the two privacy rights: a copy of their data, and erasure.
import { useState } from "react";
import { Badge, Button, Card, Group, Stack, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { modals } from "@mantine/modals";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconShieldCheck, IconTrashX } from "@tabler/icons-react";
import { useNavigate } from "react-router-dom";
import { commands, type ContactDetail } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { useLoad } from "../lib/useLoad";
import { pickSavePath } from "../import/files";
import { ConsentModal } from "./ConsentModal";
import { lowerFirst, purposeLabel, unrecorded } from "./consent";

function EraseConfirm({ name, onErase }: { name: string; onErase: () => void }) {
  const [typed, setTyped] = useState("");
  return (
    <Stack gap="sm">
      <Text size="sm">
        This deletes {name} for good: the record, e-mails, phones, consents and their activities' content, and removes them from search.
        Activities shared with a deal or company stay, without personal content. This cannot be undone.
      </Text>
      <TextInput label={`Type ${name} to confirm`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-testid="erase-typed" />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => modals.closeAll()}>Cancel</Button>
        <Button color="red" disabled={typed.trim() !== name.trim()} onClick={onErase} data-testid="erase-confirm">Erase for good</Button>
      </Group>
    </Stack>
  );
}

export function PrivacyCard({ contact }: { contact: ContactDetail }) {
  const navigate = useNavigate();
  const { changed } = useData();
  const state = useLoad(() => call(commands.consentsGet(contact.id)), [contact.id, contact.updated_at]);
  const [recording, setRecording] = useState(false);

  const exportData = async () => {
    try {
      const safe = contact.display_name.replace(/[^\p{L}\p{N}]+/gu, "-").toLowerCase();
      const path = await pickSavePath(`${safe}-data.json`);
      if (!path) return;
      await call(commands.contactExportData(contact.id, path));
      notifications.show({ color: "green", title: "Data exported", message: `Everything held about ${contact.display_name} is in ${path}` });
    } catch (e) {
      notifyError(e);
    }
  };
  const erase = () =>
    modals.open({
      title: `Erase ${contact.display_name}?`,
      children: (
        <EraseConfirm name={contact.display_name} onErase={async () => {
          modals.closeAll();
          try {
            await call(commands.contactErase(contact.id));
            notifications.show({ color: "green", title: "Erased", message: "The contact was erased; the audit log notes that an erasure happened, without their details." });
            changed();
            navigate("/contacts");
          } catch (e) {
            notifyError(e);
          }
        }} />
      ),
    });

  const current = state.data?.current ?? [];
  return (
    <Card withBorder padding="md" data-testid="privacy-card">
      <Group justify="space-between" mb="xs">
        <Group gap="xs"><IconShieldCheck size={18} /><Title order={5}>Consent and privacy</Title></Group>
        <Button size="compact-sm" variant="light" onClick={() => setRecording(true)} data-testid="consent-add">Record consent</Button>
      </Group>
      {contact.do_not_contact && <Badge color="red" variant="light" mb="xs">Do not contact: nothing is sent or planned</Badge>}
      <Stack gap={4}>
        {current.map((c) => (
          <Group key={c.id} gap="xs" wrap="nowrap">
            <Tooltip label={c.wording ?? "No wording recorded"} multiline w={320}>
              <Badge color={c.granted ? "green" : "gray"} variant="light">{c.granted ? "Agreed" : "Withdrawn"}</Badge>
            </Tooltip>
            <Text size="sm">{purposeLabel(c.purpose)}</Text>
            <Text size="xs" c="dimmed">{c.source}, {formatDate(c.recorded_at)}</Text>
          </Group>
        ))}
        {state.data && unrecorded(current).length > 0 && (
          <Text size="xs" c="dimmed">No consent on record for {unrecorded(current).map((p) => lowerFirst(purposeLabel(p))).join(", ")}.</Text>
        )}
      </Stack>
      <Group mt="sm" gap="xs">
        <Button size="compact-sm" variant="default" leftSection={<IconDownload size={14} />} onClick={exportData}>Export their data…</Button>
        <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconTrashX size={14} />} onClick={erase} data-testid="erase-open">Erase…</Button>
      </Group>
      {recording && (
        <ConsentModal contactId={contact.id} onClose={() => setRecording(false)} onSaved={(s) => { state.setData(s); setRecording(false); }} />
      )}
    </Card>
  );
}
