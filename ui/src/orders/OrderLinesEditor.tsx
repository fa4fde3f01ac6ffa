// An order's lines: a catalogue product (fills the name, price and the order's currency) or free
// text, quantity, unit price, discount and the line's total as it will be stored.
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { Product } from "../bindings";
import { formatMoney, parseMoney } from "../lib/money";
import { productOptionLabel } from "../products/format";
import { emptyLine, lineTotal, withProduct, type OrderForm, type OrderLineRow } from "./orderForm";

interface Props {
  form: OrderForm;
  catalogue: Product[];
  errors: Record<string, string>;
  onChange: (f: OrderForm) => void;
  /** Forget the errors shown for fields starting with this prefix. */
  clearErrors: (prefix: string) => void;
}

function shownTotal(l: OrderLineRow, currency: string): string {
  const price = parseMoney(l.price, currency);
  const q = Number(l.quantity);
  const d = Number(l.discount);
  if (price === null || price < 0 || !Number.isInteger(q) || q < 0 || !Number.isInteger(d) || d < 0 || d > 100) return "—";
  return formatMoney(lineTotal(q, price, d), currency);
}

export function OrderLinesEditor({ form, catalogue, errors, onChange, clearErrors }: Props) {
  const setLine = (i: number, patch: Partial<OrderLineRow>) => {
    onChange({ ...form, lines: form.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
    clearErrors(`lines.${i}.`);
  };
  const options = (chosen: string | null) =>
    catalogue.filter((p) => !p.archived || p.id === chosen).map((p) => ({ value: p.id, label: productOptionLabel(p) }));

  return (
    <Stack gap="xs" data-testid="order-lines">
      <Group gap="xs" wrap="nowrap" aria-hidden>
        <Text size="xs" fw={500} c="dimmed" w={210}>Product</Text>
        <Text size="xs" fw={500} c="dimmed" style={{ flex: 1 }}>Item</Text>
        <Text size="xs" fw={500} c="dimmed" w={74}>Quantity</Text>
        <Text size="xs" fw={500} c="dimmed" w={110}>Unit price</Text>
        <Text size="xs" fw={500} c="dimmed" w={84}>Discount</Text>
        <Text size="xs" fw={500} c="dimmed" w={96} ta="right">Total</Text>
        <div style={{ width: 28 }} />
      </Group>
      {form.lines.map((l, i) => {
        const n = i + 1;
        const e = (f: string) => errors[`lines.${i}.${f}`];
        return (
          <Group key={i} align="flex-start" wrap="nowrap" gap="xs" data-testid="order-line">
            <Select w={210} placeholder="Free text" aria-label={`Product, line ${n}`} clearable searchable data={options(l.productId)}
              value={l.productId} error={e("product_id")} data-testid={`order-line-product-${i}`}
              onChange={(id) => {
                onChange(withProduct(form, i, catalogue.find((p) => p.id === id) ?? null));
                clearErrors(`lines.${i}.`);
                if (id) clearErrors("currency");
              }} />
            <TextInput style={{ flex: 1 }} placeholder="Product or service" aria-label={`Item, line ${n}`} value={l.name} error={e("name")}
              onChange={(ev) => setLine(i, { name: ev.currentTarget.value })} data-testid={`order-line-name-${i}`} />
            <NumberInput w={74} min={1} allowDecimal={false} aria-label={`Quantity, line ${n}`} value={l.quantity} error={e("quantity")}
              onChange={(v) => setLine(i, { quantity: v })} data-testid={`order-line-quantity-${i}`} />
            <TextInput w={110} placeholder="Unit price" aria-label={`Unit price, line ${n}`} value={l.price} error={e("unit_price_minor")}
              onChange={(ev) => setLine(i, { price: ev.currentTarget.value })} data-testid={`order-line-price-${i}`} />
            <NumberInput w={84} min={0} max={100} allowDecimal={false} suffix=" %" aria-label={`Discount, line ${n}`} value={l.discount}
              error={e("discount_percent")} onChange={(v) => setLine(i, { discount: v })} data-testid={`order-line-discount-${i}`} />
            <Text w={96} ta="right" size="sm" mt={6} data-testid={`order-line-total-${i}`}>{shownTotal(l, form.currency)}</Text>
            <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove line ${n}`} disabled={form.lines.length === 1}
              onClick={() => {
                onChange({ ...form, lines: form.lines.filter((_, j) => j !== i) });
                clearErrors("lines");
              }}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      {errors.lines && <Text size="xs" c="red" data-testid="order-lines-error">{errors.lines}</Text>}
      <Group>
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} data-testid="order-add-line"
          onClick={() => onChange({ ...form, lines: [...form.lines, emptyLine()] })}>Add a line</Button>
      </Group>
    </Stack>
  );
}
