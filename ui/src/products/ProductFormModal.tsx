// Create or edit a product or plan. Server field errors show next to their fields (an upgrade
// path going round in a circle under "Upgrades to").
import { useState } from "react";
import { Autocomplete, Button, Group, Modal, MultiSelect, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { commands, type Product } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { fieldErrors } from "../lib/errors";
import { BILLING_OPTIONS, currencyOptions, type Billing } from "./format";
import { emptyProductForm, productFormFrom, toProductInput, type ProductForm } from "./productForm";
import { defaultCurrency } from "../lib/regional";

const SHOWN = /^(sku|name|description|category|price_minor|currency|upgrade_to_id|addon_ids(\..+)?)$/;

interface Props {
  /** The product to edit; a new one when absent. */
  detail?: Product;
  /** The whole catalogue (for "Upgrades to", add-ons and categories). */
  catalogue: Product[];
  onClose: () => void;
  onSaved: (p: Product) => void;
}

export function ProductFormModal({ detail, catalogue, onClose, onSaved }: Props) {
  const [form, setForm] = useState<ProductForm>(() => (detail ? productFormFrom(detail) : emptyProductForm(defaultCurrency())));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof ProductForm>(key: K, value: ProductForm[K], field: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== field && !k.startsWith(`${field}.`))));
  };

  // Other products: archived ones only when already chosen.
  const others = catalogue.filter((p) => p.id !== detail?.id);
  const option = (p: Product) => ({ value: p.id, label: `${p.name}${p.archived ? " (archived)" : ""}` });
  const upgradeOptions = others.filter((p) => !p.archived || p.id === form.upgradeTo).map(option);
  const addonOptions = others.filter((p) => !p.archived || form.addons.includes(p.id)).map(option);
  const categories = [...new Set(catalogue.map((p) => p.category).filter((c): c is string => !!c))].sort();
  const addonError = Object.entries(errors).find(([k]) => k === "addon_ids" || k.startsWith("addon_ids."))?.[1];

  const save = async () => {
    const { input, errors: local } = toProductInput(form);
    if (!input) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const saved = await call(detail ? commands.productUpdate(detail.id, input) : commands.productCreate(input));
      onSaved(saved);
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.test(f));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={detail ? `Edit ${detail.name}` : "New product or plan"} size="lg">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="product-form">
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label="SKU" withAsterisk data-autofocus placeholder="e.g. WEB-BASIC" value={form.sku} error={errors.sku}
              onChange={(e) => set("sku", e.currentTarget.value, "sku")} data-testid="product-sku" />
            <TextInput label="Name" withAsterisk placeholder="e.g. Website Basic" value={form.name} error={errors.name}
              onChange={(e) => set("name", e.currentTarget.value, "name")} data-testid="product-name" />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} maxRows={5} value={form.description} error={errors.description}
            onChange={(e) => set("description", e.currentTarget.value, "description")} />
          <Autocomplete label="Category" placeholder="e.g. Websites" data={categories} value={form.category} error={errors.category}
            onChange={(v) => set("category", v, "category")} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="product-billing-label">Billing</Text>
            <SegmentedControl data={BILLING_OPTIONS} value={form.billing} aria-labelledby="product-billing-label"
              onChange={(v) => set("billing", v as Billing, "interval")} data-testid="product-billing" />
            <Text size="xs" c="dimmed">
              {form.billing === "one_off" ? "Bought once." : `A plan: an order starts a subscription renewing every ${form.billing}.`}
            </Text>
          </Stack>
          <SimpleGrid cols={2}>
            <TextInput label={form.billing === "one_off" ? "Price" : `Price per ${form.billing}`} withAsterisk placeholder="0.00"
              value={form.price} error={errors.price_minor} onChange={(e) => set("price", e.currentTarget.value, "price_minor")}
              data-testid="product-price" />
            <Select label="Currency" data={currencyOptions(form.currency)} value={form.currency} allowDeselect={false} searchable
              error={errors.currency} onChange={(v) => v && set("currency", v, "currency")} data-testid="product-currency" />
          </SimpleGrid>
          <Select label="Upgrades to" description="The next plan on its upgrade path (e.g. Basic → Plus → Pro)" placeholder="No upgrade"
            clearable searchable data={upgradeOptions} value={form.upgradeTo} error={errors.upgrade_to_id}
            onChange={(v) => set("upgradeTo", v, "upgrade_to_id")} data-testid="product-upgrade" />
          <MultiSelect label="Add-ons" description="What goes well with it; suggested to its buyers" placeholder={form.addons.length ? undefined : "None"}
            clearable searchable data={addonOptions} value={form.addons} error={addonError}
            onChange={(v) => set("addons", v, "addon_ids")} data-testid="product-addons" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="product-save">{detail ? "Save changes" : "Create product"}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
