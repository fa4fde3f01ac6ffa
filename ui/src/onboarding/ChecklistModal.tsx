// Create or edit an onboarding checklist: its name, what starts it (a product, or a tier's first
// purchase — not both), active or not, and its items, each due some days after the purchase.
import { useState } from "react";
import { ActionIcon, Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Switch, Text, TextInput } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { commands, type ChecklistItem, type OnboardingTemplate, type OnboardingTemplateInput, type Product, type Tier, type TierId } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { fieldErrors } from "../lib/errors";

const SHOWN = /^(name|product_id|tier|items(\..+)?)$/;

type Trigger = "product" | "tier";

interface Props {
  detail?: OnboardingTemplate;
  products: Product[];
  tiers: Tier[];
  onClose: () => void;
  onSaved: (t: OnboardingTemplate) => void;
}

export function ChecklistModal({ detail, products, tiers, onClose, onSaved }: Props) {
  const [name, setName] = useState(detail?.name ?? "");
  const [trigger, setTrigger] = useState<Trigger>(detail?.tier ? "tier" : "product");
  const [productId, setProductId] = useState<string | null>(detail?.product?.id ?? null);
  const [tier, setTier] = useState<TierId | null>(detail?.tier ?? null);
  const [active, setActive] = useState(detail?.active ?? true);
  const [items, setItems] = useState<ChecklistItem[]>(detail?.items ?? [{ title: "", offset_days: 0 }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const clear = (prefix: string) => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(prefix))));

  const setItem = (i: number, patch: Partial<ChecklistItem>) => {
    setItems(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
    clear(`items.${i}.`);
  };
  const move = (i: number, by: number) => {
    const next = [...items];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setItems(next);
    clear("items");
  };

  const save = async () => {
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = "Name the checklist, e.g. “Website launch”.";
    items.forEach((it, i) => { if (!it.title.trim()) local[`items.${i}.title`] = "Say what to do."; });
    if (items.length === 0) local.items = "Add at least one item.";
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    const input: OnboardingTemplateInput = {
      name: name.trim(),
      product_id: trigger === "product" ? productId : null,
      tier: trigger === "tier" ? tier : null,
      active,
      items: items.map((it) => ({ title: it.title.trim(), offset_days: it.offset_days })),
    };
    setSaving(true);
    try {
      onSaved(await call(detail ? commands.onboardingTemplateUpdate(detail.id, input) : commands.onboardingTemplateCreate(input)));
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.test(f));
    } finally {
      setSaving(false);
    }
  };

  const productOptions = products.filter((p) => !p.archived || p.id === productId).map((p) => ({ value: p.id, label: p.name }));
  const tierOptions = tiers.map((t) => ({ value: t.id, label: `${t.id.toUpperCase()} · ${t.name}` }));
  const neither = trigger === "product" ? !productId : !tier;

  return (
    <Modal opened onClose={onClose} title={detail ? `Edit ${detail.name}` : "New onboarding checklist"} size="xl">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="checklist-form">
        <Stack>
          <TextInput label="Name" withAsterisk data-autofocus placeholder="e.g. Website launch" value={name} error={errors.name}
            onChange={(e) => { setName(e.currentTarget.value); clear("name"); }} data-testid="checklist-name" />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="checklist-trigger-label">Starts on</Text>
            <SegmentedControl aria-labelledby="checklist-trigger-label" value={trigger} data-testid="checklist-trigger"
              onChange={(v) => { setTrigger(v as Trigger); clear("product_id"); clear("tier"); }}
              data={[{ value: "product", label: "A product" }, { value: "tier", label: "A tier" }]} />
            {trigger === "product" ? (
              <Select aria-label="Product" placeholder="Choose the product" description="On every order holding this product"
                data={productOptions} value={productId} onChange={(v) => { setProductId(v); clear("product_id"); clear("tier"); }}
                searchable clearable error={errors.product_id ?? errors.tier} data-testid="checklist-product" />
            ) : (
              <Select aria-label="Tier" placeholder="Choose the tier" description="On the first purchase of a contact in this tier"
                data={tierOptions} value={tier} onChange={(v) => { setTier(v as TierId | null); clear("tier"); }}
                clearable error={errors.tier} data-testid="checklist-tier" />
            )}
            {neither && <Text size="xs" c="dimmed">Until you choose one, this checklist never starts.</Text>}
          </Stack>
          <Switch label="Active: start it on new purchases" checked={active} onChange={(e) => setActive(e.currentTarget.checked)}
            data-testid="checklist-active" />
          <Stack gap="xs">
            <Text size="sm" fw={500}>Items</Text>
            {items.map((it, i) => (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid="checklist-item">
                <TextInput style={{ flex: 1 }} aria-label={`Item ${i + 1}`} placeholder="e.g. Kickoff call" value={it.title}
                  error={errors[`items.${i}.title`]} onChange={(e) => setItem(i, { title: e.currentTarget.value })} />
                <Text size="sm" mt={6}>due</Text>
                <NumberInput w={80} min={0} max={365} allowDecimal={false} allowNegative={false} aria-label={`Item ${i + 1}: days after the purchase`}
                  value={it.offset_days} error={errors[`items.${i}.offset_days`]} onChange={(v) => setItem(i, { offset_days: Number(v) || 0 })} />
                <Text size="sm" mt={6} style={{ whiteSpace: "nowrap" }}>days after purchase</Text>
                <ActionIcon variant="subtle" mt={4} aria-label={`Move item ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon variant="subtle" mt={4} aria-label={`Move item ${i + 1} down`} disabled={i === items.length - 1} onClick={() => move(i, 1)}>
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove item ${i + 1}`}
                  onClick={() => { setItems(items.filter((_, j) => j !== i)); clear("items"); }}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            {errors.items && <Text size="xs" c="red">{errors.items}</Text>}
            <Group>
              <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} data-testid="checklist-add-item"
                onClick={() => { setItems([...items, { title: "", offset_days: items[items.length - 1]?.offset_days ?? 0 }]); clear("items"); }}>
                Add an item
              </Button>
            </Group>
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="checklist-save">{detail ? "Save changes" : "Create checklist"}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
