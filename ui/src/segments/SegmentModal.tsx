// New or edited segment: a name, a description and its conditions, with a live count of the
// contacts they match (checked by the back end as you type, so problems show on their row).
import { useEffect, useState } from "react";
import { Button, Group, Loader, Modal, Stack, Text, TextInput } from "@mantine/core";
import { commands, type Filter, type Segment } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { FilterEditor } from "../criteria/FilterEditor";
import { emptyFilter, filterErrors, formErrors } from "../criteria/criteria";
import { formatNumber } from "../lib/numbers";

export function SegmentModal({ segment, onClose, onSaved }: { segment: Segment | null; onClose: () => void; onSaved: (s: Segment) => void }) {
  const [name, setName] = useState(segment?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? "");
  const [filter, setFilter] = useState<Filter>(segment?.filter ?? emptyFilter());
  const [count, setCount] = useState<number | null>(null);
  const [counting, setCounting] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    setCounting(true);
    const timer = setTimeout(() => {
      call(commands.segmentCount(filter, segment?.id ?? null)).then(
        (n) => live && (setCount(n), setErrors((e) => keepForm(e)), setCounting(false)),
        (e: unknown) => live && (setCount(null), setErrors((old) => ({ ...keepForm(old), ...filterErrors(coreOf(e)) })), setCounting(false)),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [filter, segment?.id]);

  const save = async () => {
    setSaving(true);
    const input = { name, description: description.trim() || null, filter };
    try {
      onSaved(await call(segment ? commands.segmentUpdate(segment.id, input) : commands.segmentCreate(input)));
    } catch (e) {
      const f = formErrors(e);
      if (Object.keys(f).length) setErrors(f);
      else notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={segment ? `Edit “${segment.name}”` : "New segment"} size="xl">
      <Stack>
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus
          placeholder="e.g. Hot leads in Oslo" data-testid="segment-name" />
        <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description}
          placeholder="What these contacts have in common (optional)" />
        <FilterEditor value={filter} onChange={setFilter} errors={errors} excludeSegment={segment?.id} />
        <Group justify="space-between">
          <Text size="sm" data-testid="segment-live-count">
            {counting ? <Loader size="xs" /> : count === null ? "Fix the conditions to see who matches." : `${formatNumber(count)} ${count === 1 ? "contact matches" : "contacts match"} now`}
          </Text>
          <Group>
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button onClick={save} loading={saving} data-testid="segment-save">Save segment</Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Errors of the name and description stay while the conditions are re-checked. */
function keepForm(e: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["name", "description"]) if (e[k]) out[k] = e[k];
  return out;
}
