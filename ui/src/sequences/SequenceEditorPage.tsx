// One sequence (/sequences/:id, or /sequences/new): its settings, steps, window, exit rules and
// triggers, saved as a whole; below, how it performs and who is in it.
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Alert, Anchor, Badge, Button, Card, Center, Group, Loader, Menu, ScrollArea, SegmentedControl, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft, IconChevronDown, IconUserPlus } from "@tabler/icons-react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { commands, type SequenceStatus } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useScheduleEvent } from "../lib/schedule";
import { useLoad } from "../lib/useLoad";
import { EnrolModal } from "./EnrolModal";
import { EnrolmentsList } from "./EnrolmentsList";
import { SEQUENCE_STATUS_COLORS, SEQUENCE_STATUS_LABELS } from "./format";
import { SequenceReport } from "./SequenceReport";
import { ExitsEditor, TriggersEditor, WindowEditor } from "./SequenceSettings";
import { emptyForm, formFromSequence, inputFromForm, localErrors, shownField, type SequenceForm } from "./sequenceForm";
import { StepsEditor, type Option } from "./StepsEditor";

function Section({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="lg" data-testid={testId}>
      <Title order={4}>{title}</Title>
      {hint && <Text size="sm" c="dimmed" mb="sm">{hint}</Text>}
      {!hint && <div style={{ height: 8 }} />}
      {children}
    </Card>
  );
}

export function SequenceEditorPage() {
  const { id = "new" } = useParams();
  const isNew = id === "new";
  const navigate = useNavigate();
  const { version, changed } = useData();
  const seq = useLoad(() => (isNew ? Promise.resolve(null) : call(commands.sequenceGet(id))), [id, version]);
  const report = useLoad(() => (isNew ? Promise.resolve(null) : call(commands.sequenceReport(id))), [id, version]);
  const templates = useLoad(() => call(commands.templatesList()), [version]);
  useScheduleEvent(() => {
    seq.reload();
    report.reload();
  });
  const [form, setForm] = useState<SequenceForm | null>(() => (isNew ? emptyForm() : null));
  const formFor = useRef<string | null>(isNew ? "new" : null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [enrolling, setEnrolling] = useState(false);

  // The form starts from the saved sequence once per sequence; later reloads (counts after an
  // enrolment, the schedule) leave what is being edited alone.
  useEffect(() => {
    if (isNew) {
      if (formFor.current !== "new") {
        setForm(emptyForm());
        setErrors({});
        formFor.current = "new";
      }
    } else if (seq.data && formFor.current !== seq.data.id) {
      setForm(formFromSequence(seq.data));
      setErrors({});
      formFor.current = seq.data.id;
    }
  }, [isNew, seq.data]);

  // Templates to choose from, with any a step still uses after it was archived.
  const templateOptions: Option[] = useMemo(() => {
    const list: Option[] = (templates.data ?? []).map((t) => ({ value: t.id, label: t.name }));
    for (const s of seq.data?.steps ?? []) {
      for (const t of [s.template, s.template_b]) {
        if (t && !list.some((o) => o.value === t.id)) list.push({ value: t.id, label: `${t.name} (archived)` });
      }
    }
    return list;
  }, [templates.data, seq.data]);

  if (!form) {
    return (
      <Center h="100%">
        {seq.error ? (
          <Stack maw={520}>
            <Alert color="red" title="Can't show this sequence">{errorMessage(seq.error)}</Alert>
            <Button component={Link} to="/sequences" variant="default" leftSection={<IconArrowLeft size={16} />} w="fit-content">Back to sequences</Button>
          </Stack>
        ) : (
          <Loader />
        )}
      </Center>
    );
  }

  const set = (patch: Partial<SequenceForm>, field?: string) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    if (field) clear(field);
  };
  const clear = (field: string) => setErrors((e) => {
    if (!(field in e)) return e;
    const { [field]: _gone, ...rest } = e;
    return rest;
  });
  // After steps or triggers were added, moved or removed, numbered errors point elsewhere.
  const clearNumbered = () => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !/^(steps|triggers)\.\d+\./.test(k))));

  const save = async () => {
    const local = localErrors(form);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const input = inputFromForm(form);
      const saved = await call(isNew ? commands.sequenceCreate(input) : commands.sequenceUpdate(id, input));
      formFor.current = saved.id;
      setForm(formFromSequence(saved));
      setErrors({});
      notifications.show({ color: "green", title: "Sequence saved", message: saved.name });
      changed();
      if (isNew) navigate(`/sequences/${saved.id}`, { replace: true });
      else seq.setData(saved);
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => shownField(f, form));
    } finally {
      setSaving(false);
    }
  };

  const remove = () =>
    confirmDanger({
      title: `Delete “${seq.data?.name ?? form.name}”?`,
      body: "Only a sequence no one was ever enrolled in can be deleted; one with enrolments keeps its history: archive it instead.",
      confirmLabel: "Delete sequence",
      onConfirm: async () => {
        try {
          await call(commands.sequenceDelete(id));
          notifications.show({ color: "green", title: "Sequence deleted", message: seq.data?.name ?? "" });
          changed();
          navigate("/sequences");
        } catch (e) {
          notifyError(e);
        }
      },
    });

  const saved = seq.data;
  const statusOptions = (["active", "paused", "archived"] as SequenceStatus[]).map((s) => ({
    value: s,
    label: SEQUENCE_STATUS_LABELS[s],
    disabled: isNew && s === "archived",
  }));

  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="lg" maw={1100} data-testid="sequence-editor">
        <Group justify="space-between" align="flex-end">
          <div>
            <Anchor component={Link} to="/sequences" size="sm"><Group gap={4}><IconArrowLeft size={14} />Sequences</Group></Anchor>
            <Group gap="sm">
              <Title order={2}>{isNew ? "New sequence" : saved?.name ?? form.name}</Title>
              {saved && <Badge variant="light" color={SEQUENCE_STATUS_COLORS[saved.status]}>{SEQUENCE_STATUS_LABELS[saved.status]}</Badge>}
            </Group>
          </div>
          <Group gap="sm">
            {!isNew && (
              <Button variant="default" leftSection={<IconUserPlus size={16} />} onClick={() => setEnrolling(true)}
                disabled={saved?.status === "archived"} data-testid="sequence-enrol">
                Enrol…
              </Button>
            )}
            {!isNew && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} />}>More</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item color="red" onClick={remove} data-testid="sequence-delete">Delete sequence…</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            <Button variant="default" onClick={() => navigate("/sequences")}>Cancel</Button>
            <Button onClick={save} loading={saving} data-testid="sequence-save">Save</Button>
          </Group>
        </Group>

        <Section title="About">
          <Stack gap="sm">
            <TextInput label="Name" withAsterisk value={form.name} error={errors.name} data-testid="sequence-name"
              placeholder="e.g. Welcome new leads" onChange={(e) => set({ name: e.currentTarget.value }, "name")} />
            <TextInput label="Description" value={form.description} error={errors.description} placeholder="What it is for (optional)"
              onChange={(e) => set({ description: e.currentTarget.value }, "description")} />
            <div>
              <Text size="sm" fw={500} mb={4} id="sequence-status-label">Status</Text>
              <SegmentedControl aria-labelledby="sequence-status-label" value={form.status} data={statusOptions} data-testid="sequence-status"
                onChange={(v) => set({ status: v as SequenceStatus }, "status")} />
              <Text size="xs" c={errors.status ? "red" : "dimmed"} mt={4}>
                {errors.status ?? (form.status === "paused" ? "Nothing happens while paused: due steps wait." : form.status === "archived" ? "Kept for its history and report; no one can be enrolled." : "Steps happen when due; triggers enrol.")}
              </Text>
            </div>
          </Stack>
        </Section>

        <Section title="Steps" hint="In order. Each waits its delay after the one before; e-mails go out through your outbox, calls and tasks wait on the Today screen.">
          <StepsEditor steps={form.steps} onChange={(steps) => set({ steps })} errors={errors} onEdited={clear}
            onReordered={clearNumbered} templates={templateOptions} />
        </Section>

        <Section title="When steps may happen" hint="E-mails and calls reach contacts only on these days and hours.">
          <WindowEditor form={form} set={set} errors={errors} />
        </Section>

        <Section title="Who leaves the sequence" hint="A contact leaves as soon as one of these happens.">
          <ExitsEditor exits={form.exits} onChange={(exits) => set({ exits })} />
        </Section>

        <Section title="Who joins automatically" hint="Triggers enrol contacts as things happen. You can always enrol people by hand too.">
          <TriggersEditor triggers={form.triggers} onChange={(triggers) => set({ triggers })} errors={errors} onEdited={clear}
            onReordered={clearNumbered} />
        </Section>

        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate("/sequences")}>Cancel</Button>
          <Button onClick={save} loading={saving}>Save</Button>
        </Group>

        {saved && (
          <>
            <Section title="How it performs" testId="sequence-report-card">
              {report.data ? <SequenceReport report={report.data} /> : <Loader size="sm" />}
            </Section>
            <Section title="Enrolments" testId="sequence-enrolments">
              <EnrolmentsList sequenceId={saved.id} counts={saved.counts} />
            </Section>
          </>
        )}
      </Stack>
      {enrolling && saved && (
        <EnrolModal sequence={{ id: saved.id, name: saved.name }} onClose={() => setEnrolling(false)} onDone={() => changed()} />
      )}
    </ScrollArea>
  );
}
