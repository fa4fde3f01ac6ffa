// Create or edit a deal.
import { useState } from "react";
import {
  ActionIcon, Autocomplete, Button, Divider, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Textarea,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { commands, type DealDetail, type EntityRef } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { fieldErrors } from "../lib/errors";
import { useLookups } from "../lib/lookups";
import { formatMoney } from "../lib/money";
import { useLoad } from "../lib/useLoad";
import { EntityPicker } from "../search/EntityPicker";
import { dealFormFrom, emptyDealForm, linesTotal, toDealInput, type DealFormState } from "./dealForm";
import { pickerFormat } from "../lib/dates";
import { defaultCurrency } from "../lib/regional";
import { currencyOptions } from "../products/format";

const SHOWN = /^(title|value_minor|currency|expected_close|probability|owner|next_step|notes|tags|company_id|contact_ids\..+|lines\..+|stage_id)$/;

interface Props {
  pipelineId?: string;
  detail?: DealDetail;
  contact?: EntityRef;
  company?: EntityRef;
  onClose: () => void;
  onSaved: (d: DealDetail) => void;
}

export function DealFormModal({ pipelineId, detail, contact, company, onClose, onSaved }: Props) {
  const [form, setForm] = useState<DealFormState>(() => (detail ? dealFormFrom(detail) : emptyDealForm(defaultCurrency(), contact, company)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const { tags, owners, leadSources } = useLookups();
  const pipelines = useLoad(() => call(commands.pipelinesList()), []);
  const [pipeline, setPipeline] = useState<string | null>(pipelineId ?? null);
  const [stageId, setStageId] = useState<string | null>(null);
  const chosen = pipelines.data?.find((p) => p.id === (pipeline ?? pipelines.data?.[0]?.id));
  const set = <K extends keyof DealFormState>(key: K, value: DealFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const total = linesTotal(form);

  const save = async () => {
    const { input, errors: local } = toDealInput(form);
    if (!input) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const saved = detail
        ? await call(commands.dealUpdate(detail.id, detail.version, input))
        : await call(commands.dealCreate({ pipeline_id: chosen?.id ?? "", stage_id: stageId, deal: input }));
      onSaved(saved);
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.test(f));
    } finally {
      setSaving(false);
    }
  };

  const setLine = (i: number, patch: Partial<DealFormState["lines"][number]>) =>
    set("lines", form.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  return (
    <Modal opened onClose={onClose} title={detail ? `Edit ${detail.title}` : "New deal"} size="xl">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Stack>
          <TextInput label="Deal" withAsterisk data-autofocus placeholder="e.g. Spring catering order" value={form.title} error={errors.title}
            onChange={(e) => set("title", e.currentTarget.value)} data-testid="deal-form-title" />
          <SimpleGrid cols={3}>
            <TextInput label="Value" placeholder="0.00" value={form.lines.length ? (total === null ? "" : formatMoney(total, form.currency)) : form.value}
              disabled={form.lines.length > 0} description={form.lines.length ? "The total of the line items" : undefined}
              error={errors.value_minor} onChange={(e) => set("value", e.currentTarget.value)} data-testid="deal-form-value" />
            <Select label="Currency" data={currencyOptions(form.currency)} value={form.currency}
              allowDeselect={false} searchable error={errors.currency} onChange={(v) => v && set("currency", v)} />
            <DateInput label="Expected close" value={form.expectedClose} onChange={(v) => set("expectedClose", v as string | null)} clearable
              valueFormat={pickerFormat()} error={errors.expected_close} data-testid="deal-form-close" />
          </SimpleGrid>
          {!detail && chosen && (
            <SimpleGrid cols={2}>
              <Select label="Pipeline" data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))} value={chosen.id}
                allowDeselect={false} onChange={(v) => { setPipeline(v); setStageId(null); }} />
              <Select label="Stage" data={chosen.stages.filter((s) => s.kind === "open").map((s) => ({ value: s.id, label: `${s.name} (${s.probability}%)` }))}
                value={stageId ?? chosen.stages[0]?.id ?? null} allowDeselect={false} onChange={setStageId} error={errors.stage_id} />
            </SimpleGrid>
          )}
          <Group align="flex-end">
            <Switch label="Set its own win probability" checked={form.ownProbability} onChange={(e) => set("ownProbability", e.currentTarget.checked)} />
            {form.ownProbability && (
              <NumberInput w={120} min={0} max={100} suffix=" %" value={form.probability} onChange={(v) => set("probability", v)}
                error={errors.probability} aria-label="Probability" />
            )}
          </Group>
          <Divider label="Who" labelPosition="left" />
          <SimpleGrid cols={2}>
            {form.contacts.map((c, i) => (
              <EntityPicker key={i} kind="contact" label={i === 0 ? "Main contact" : `Contact ${i + 1}`} value={c}
                error={errors[`contact_ids.${i}`]} testId={`deal-form-contact-${i}`}
                onChange={(v) => set("contacts", form.contacts.map((x, j) => (j === i ? v : x)))} />
            ))}
            <EntityPicker kind="company" label="Company" value={form.company} error={errors.company_id} onChange={(v) => set("company", v)} />
          </SimpleGrid>
          <Group>
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => set("contacts", [...form.contacts, null])}>
              Add another contact
            </Button>
          </Group>
          <SimpleGrid cols={3}>
            <Autocomplete label="Owner" data={owners} value={form.owner} onChange={(v) => set("owner", v)} error={errors.owner} />
            <Select label="Source" data={leadSources.filter((s) => !s.archived || s.id === form.sourceId).map((s) => ({ value: s.id, label: s.name }))}
              value={form.sourceId} onChange={(v) => set("sourceId", v)} clearable />
            <TagsInput label="Tags" data={tags.map((t) => t.name)} value={form.tags} onChange={(v) => set("tags", v)} />
          </SimpleGrid>
          <TextInput label="Next step" placeholder="e.g. Send the revised quote on Friday" value={form.nextStep} error={errors.next_step}
            onChange={(e) => set("nextStep", e.currentTarget.value)} />
          <Divider label="Line items (optional)" labelPosition="left" />
          {form.lines.map((l, i) => (
            <Group key={i} align="flex-start" wrap="nowrap">
              <TextInput style={{ flex: 1 }} placeholder="Product or service" value={l.name} aria-label="Item"
                error={errors[`lines.${i}.name`]} onChange={(e) => setLine(i, { name: e.currentTarget.value })} />
              <NumberInput w={80} min={1} value={l.quantity} aria-label="Quantity" error={errors[`lines.${i}.quantity`]}
                onChange={(v) => setLine(i, { quantity: v })} />
              <TextInput w={120} placeholder="Unit price" value={l.price} aria-label="Unit price" error={errors[`lines.${i}.unit_price_minor`]}
                onChange={(e) => setLine(i, { price: e.currentTarget.value })} />
              <NumberInput w={90} min={0} max={100} suffix=" %" value={l.discount} aria-label="Discount"
                onChange={(v) => setLine(i, { discount: v })} />
              <ActionIcon variant="subtle" color="red" mt={6} aria-label="Remove line" onClick={() => set("lines", form.lines.filter((_, j) => j !== i))}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group justify="space-between">
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />}
              onClick={() => set("lines", [...form.lines, { name: "", quantity: 1, price: "", discount: 0 }])}>Add a line item</Button>
            {form.lines.length > 0 && total !== null && <Text size="sm">Total {formatMoney(total, form.currency)}</Text>}
          </Group>
          <Textarea label="Notes" autosize minRows={2} maxRows={6} value={form.notes} error={errors.notes}
            onChange={(e) => set("notes", e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="deal-save">{detail ? "Save changes" : "Create deal"}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
