// Editing a tier: its name, description, rule (or "everyone else"), follow-up time and support
// level, with a live preview of how many contacts each tier would hold.
import { useEffect, useState } from "react";
import { Badge, Button, Group, Modal, NumberInput, Stack, Switch, Text, TextInput } from "@mantine/core";
import { commands, type Filter, type Tier, type TierCount, type TierInput } from "../bindings";
import { call, notifyError } from "../lib/api";
import { FilterEditor } from "../criteria/FilterEditor";
import { emptyFilter, formErrors } from "../criteria/criteria";
import { TIER_COLORS, tierLetter } from "./format";
import { formatNumber } from "../lib/numbers";

export function TierModal({ tier, onClose, onSaved }: { tier: Tier; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(tier.name);
  const [description, setDescription] = useState(tier.description ?? "");
  const [everyone, setEveryone] = useState(tier.filter === null);
  const [filter, setFilter] = useState<Filter>(tier.filter ?? emptyFilter());
  const [days, setDays] = useState<number | string>(tier.follow_up_days);
  const [support, setSupport] = useState(tier.support_level ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<TierCount[] | null>(null);
  const input: TierInput = {
    name,
    description: description.trim() || null,
    filter: everyone ? null : filter,
    follow_up_days: typeof days === "number" ? days : 0,
    support_level: support.trim() || null,
  };
  const key = JSON.stringify(input);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      call(commands.tierPreview(tier.id, input)).then(
        (p) => live && (setPreview(p), setErrors({})),
        (e: unknown) => live && (setPreview(null), setErrors(formErrors(e))),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const save = async () => {
    try {
      await call(commands.tierUpdate(tier.id, input));
      onSaved();
    } catch (e) {
      const f = formErrors(e);
      if (Object.keys(f).length) setErrors(f);
      else notifyError(e);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Tier ${tierLetter(tier.id)}`} size="xl">
      <Stack>
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-testid="tier-name" />
        <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
        <Switch label="Everyone not in a tier above" checked={everyone} onChange={(e) => setEveryone(e.currentTarget.checked)} data-testid="tier-everyone" />
        {!everyone && (
          <>
            <Text size="xs" c="dimmed">A contact is in the first tier (A, then B, then C) whose rule it matches.</Text>
            <FilterEditor value={filter} onChange={setFilter} errors={errors} exclude={["tier"]} />
          </>
        )}
        {errors.filter && <Text size="xs" c="red">{errors.filter}</Text>}
        <Group grow align="flex-start">
          <NumberInput label="Follow up within (days)" min={1} max={365} value={days} onChange={setDays} error={errors.follow_up_days}
            description="Suggested when you plan the next step with a contact of this tier." data-testid="tier-days" />
          <TextInput label="Support level" value={support} onChange={(e) => setSupport(e.currentTarget.value)} error={errors.support_level}
            description="e.g. Dedicated, same day" />
        </Group>
        <Group justify="space-between">
          <Group gap="xs" data-testid="tier-preview">
            <Text size="sm" c="dimmed">With this rule:</Text>
            {preview
              ? preview.map((p) => <Badge key={p.id} color={TIER_COLORS[p.id]} variant="light">{tierLetter(p.id)}: {formatNumber(p.members)}</Badge>)
              : <Text size="sm" c="dimmed">—</Text>}
          </Group>
          <Group>
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button onClick={save} data-testid="tier-save">Save tier</Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
