// New or edited e-mail template: name, subject, body with merge fields inserted at the cursor,
// and a preview as one chosen contact would get it, naming the fields they have no value for.
import { useEffect, useMemo, useRef, useState } from "react";
import { Alert, Button, Grid, Group, List, Menu, Modal, Paper, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { IconBraces, IconChevronDown } from "@tabler/icons-react";
import { commands, type EntityRef, type Rendered, type Template, type TemplateInput } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { errorMessage, fieldErrors, isCoreError } from "../lib/errors";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { EntityPicker } from "../search/EntityPicker";
import { insertAt, missingAdvice, placeholder } from "./templateText";

type Field = "subject" | "body";
const SHOWN = new Set(["name", "subject", "body"]);

interface Props {
  template: Template | null;
  onClose: () => void;
  onSaved: (t: Template) => void;
}

function Preview({ rendered, contact }: { rendered: Rendered; contact: EntityRef }) {
  return (
    <Stack gap="xs" data-testid="template-preview">
      <Text size="sm" c="dimmed">
        To: {rendered.to_address ? `${rendered.to_name} <${rendered.to_address}>` : `${contact.name} (no e-mail address)`}
      </Text>
      <Text fw={600} data-testid="template-preview-subject">{rendered.subject}</Text>
      <Paper withBorder p="sm" style={{ whiteSpace: "pre-wrap", maxHeight: 340, overflow: "auto" }}>
        <Text size="sm" data-testid="template-preview-text">{rendered.text}</Text>
      </Paper>
    </Stack>
  );
}

export function TemplateEditor({ template, onClose, onSaved }: Props) {
  const { version } = useData();
  const fields = useLoad(() => call(commands.mergeFieldsAll()), [version]);
  const [name, setName] = useState(template?.name ?? "");
  const [subject, setSubject] = useState(template?.subject ?? "");
  const [body, setBody] = useState(template?.body ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [contact, setContact] = useState<EntityRef | null>(null);
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastFocused = useRef<Field>("body");

  const labels = useMemo(() => Object.fromEntries((fields.data ?? []).map((f) => [f.key, f.label])), [fields.data]);
  const input: TemplateInput = { name: name.trim(), subject, body };

  // The preview follows the text as it is typed (and names merge-field mistakes at their field).
  useEffect(() => {
    if (!contact) {
      setRendered(null);
      setPreviewError(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call(commands.templatePreview({ name, subject, body }, contact.id)).then(
        (r) => {
          if (!live) return;
          setRendered(r);
          setPreviewError(null);
          setErrors((e) => {
            const { subject: _s, body: _b, ...rest } = e;
            return rest;
          });
        },
        (e: unknown) => {
          if (!live) return;
          const core = coreOf(e);
          const f = fieldErrors(core);
          setRendered(null);
          if (isCoreError(core) && core.kind === "validation") {
            setErrors((old) => ({ ...old, ...f }));
            setPreviewError("Fix the text above to see the preview.");
          } else setPreviewError(errorMessage(core));
        },
      );
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The name plays no part in the preview.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contact, subject, body]);

  const insertField = (key: string) => {
    const which = lastFocused.current;
    const el = which === "subject" ? subjectRef.current : bodyRef.current;
    const current = which === "subject" ? subject : body;
    const { text, cursor } = insertAt(current, el?.selectionStart ?? null, el?.selectionEnd ?? null, placeholder(key));
    (which === "subject" ? setSubject : setBody)(text);
    setErrors((e) => {
      const { [which]: _gone, ...rest } = e;
      return rest;
    });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(cursor, cursor);
    });
  };

  const save = async () => {
    setSaving(true);
    try {
      const saved = await call(template ? commands.templateUpdate(template.id, input) : commands.templateCreate(input));
      onSaved(saved);
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.has(f));
    } finally {
      setSaving(false);
    }
  };

  const builtIn = (fields.data ?? []).filter((f) => !f.custom);
  const custom = (fields.data ?? []).filter((f) => f.custom);
  const advice = rendered && contact ? missingAdvice(rendered.to_name || contact.name, rendered.missing, labels) : [];

  return (
    <Modal opened onClose={onClose} title={template ? `Edit “${template.name}”` : "New e-mail template"} size="90%">
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <TextInput label="Name" withAsterisk description="For you: how it appears in lists" value={name} error={errors.name}
              data-autofocus placeholder="e.g. Welcome" data-testid="template-name"
              onChange={(e) => {
                setName(e.currentTarget.value);
                setErrors(({ name: _n, ...rest }) => rest);
              }} />
            <TextInput ref={subjectRef} label="Subject" withAsterisk value={subject} error={errors.subject} data-testid="template-subject"
              placeholder="e.g. Welcome to {{company|our shop}}, {{first_name|there}}" onFocus={() => (lastFocused.current = "subject")}
              onChange={(e) => {
                setSubject(e.currentTarget.value);
                setErrors(({ subject: _s, ...rest }) => rest);
              }} />
            <Group justify="space-between" align="flex-end">
              <Text size="sm" fw={500}>Message</Text>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button size="compact-sm" variant="light" leftSection={<IconBraces size={14} />} rightSection={<IconChevronDown size={12} />}
                    data-testid="insert-field">
                    Insert field
                  </Button>
                </Menu.Target>
                <Menu.Dropdown mah={360} style={{ overflowY: "auto" }}>
                  <Menu.Label>About the contact and you</Menu.Label>
                  {builtIn.map((f) => (
                    <Menu.Item key={f.key} onClick={() => insertField(f.key)} data-testid={`insert-${f.key}`}>
                      <Text size="sm" ff="monospace">{placeholder(f.key)}</Text>
                      <Text size="xs" c="dimmed">{f.label}</Text>
                    </Menu.Item>
                  ))}
                  {custom.length > 0 && <Menu.Label>Your own fields</Menu.Label>}
                  {custom.map((f) => (
                    <Menu.Item key={f.key} onClick={() => insertField(f.key)} data-testid={`insert-${f.key}`}>
                      <Text size="sm" ff="monospace">{placeholder(f.key)}</Text>
                      <Text size="xs" c="dimmed">{f.label}</Text>
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            </Group>
            <Textarea ref={bodyRef} aria-label="Message" autosize minRows={10} maxRows={22} value={body} error={errors.body}
              data-testid="template-body" onFocus={() => (lastFocused.current = "body")}
              placeholder={"Hi {{first_name|there}},\n\n…\n\n{{signature}}\n\n{{unsubscribe}}"}
              onChange={(e) => {
                setBody(e.currentTarget.value);
                setErrors(({ body: _b, ...rest }) => rest);
              }} />
            <Text size="xs" c="dimmed">
              A field with a fallback, like {"{{first_name|there}}"}, uses the fallback when the contact has no value. Add{" "}
              {"{{unsubscribe}}"} to marketing e-mails: it tells people how to stop them.
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Title order={5}>Preview</Title>
            <EntityPicker kind="contact" label="As this contact would get it" value={contact} onChange={setContact} testId="template-preview-contact" />
            {!contact && <Text size="sm" c="dimmed">Pick a contact to see the e-mail filled in for them.</Text>}
            {previewError && <Text size="sm" c="dimmed">{previewError}</Text>}
            {advice.length > 0 && (
              <Alert color="yellow" title="Some fields would be empty" data-testid="template-missing">
                <List size="sm" spacing={2}>
                  {advice.map((a) => <List.Item key={a}>{a}</List.Item>)}
                </List>
                <Text size="xs" mt={4}>
                  A sequence e-mail with an empty field waits in the outbox for your review; a broadcast is not sent until every field has a value or a fallback.
                </Text>
              </Alert>
            )}
            {rendered && contact && <Preview rendered={rendered} contact={contact} />}
          </Stack>
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose}>Cancel</Button>
        <Button onClick={save} loading={saving} data-testid="template-save">Save template</Button>
      </Group>
    </Modal>
  );
}
