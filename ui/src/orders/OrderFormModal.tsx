// Records an order: who bought (a contact and/or a company), when, in which currency, its lines
// and the live total. Server field errors show at their field (a product priced in another
// currency at that line's product).
import { useState } from "react";
import { Alert, Button, Center, Divider, Group, Loader, Modal, Select, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { commands, type EntityRef, type Order, type Product } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { errorMessage, fieldErrors } from "../lib/errors";
import { formatMoney } from "../lib/money";
import { useLoad } from "../lib/useLoad";
import { currencyOptions, usualCurrency } from "../products/format";
import { EntityPicker } from "../search/EntityPicker";
import { OrderLinesEditor } from "./OrderLinesEditor";
import { emptyOrderForm, orderTotal, toOrderInput, type OrderForm } from "./orderForm";
import { pickerFormat } from "../lib/dates";

const SHOWN = /^(contact_id|company_id|ordered_at|currency|note|lines(\..+)?)$/;

interface Props {
  contact?: EntityRef | null;
  company?: EntityRef | null;
  onClose: () => void;
  onSaved: (o: Order) => void;
}

export function OrderFormModal({ contact, company, onClose, onSaved }: Props) {
  const catalogue = useLoad(() => call(commands.productsList()), []);
  return (
    <Modal opened onClose={onClose} title="New order" size={1000}>
      {catalogue.error ? (
        <Alert color="red">{errorMessage(catalogue.error)}</Alert>
      ) : catalogue.data ? (
        <OrderFormBody catalogue={catalogue.data} contact={contact} company={company} onClose={onClose} onSaved={onSaved} />
      ) : (
        <Center py="xl"><Loader /></Center>
      )}
    </Modal>
  );
}

function OrderFormBody({ catalogue, contact, company, onClose, onSaved }: Props & { catalogue: Product[] }) {
  const [form, setForm] = useState<OrderForm>(() => emptyOrderForm({ currency: usualCurrency(catalogue), contact, company }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const total = orderTotal(form);
  const clearErrors = (prefix: string) =>
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(prefix))));
  const set = <K extends keyof OrderForm>(key: K, value: OrderForm[K], field: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    clearErrors(field);
  };

  const save = async () => {
    const { input, errors: local } = toOrderInput(form);
    if (!input) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const saved = await call(commands.orderCreate(input));
      notifications.show({
        color: "green",
        title: `Order ${saved.summary.number} recorded`,
        message: `${formatMoney(saved.summary.total_minor, saved.summary.currency)} · ${saved.summary.items}`,
      });
      onSaved(saved);
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.test(f));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="order-form">
      <Stack>
        <SimpleGrid cols={2}>
          <EntityPicker kind="contact" label="Contact" value={form.contact} error={errors.contact_id} testId="order-contact"
            placeholder="Who bought it" onChange={(v) => { set("contact", v, "contact_id"); clearErrors("company_id"); }} />
          <EntityPicker kind="company" label="Company" value={form.company} error={errors.company_id} testId="order-company"
            placeholder="Or for which company" onChange={(v) => { set("company", v, "company_id"); clearErrors("contact_id"); }} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <DateInput label="Date" value={form.date} valueFormat={pickerFormat()} error={errors.ordered_at} data-testid="order-date"
            onChange={(v) => set("date", v as string | null, "ordered_at")} clearable={false} />
          <Select label="Currency" data={currencyOptions(form.currency)} value={form.currency} allowDeselect={false} searchable
            error={errors.currency} onChange={(v) => v && set("currency", v, "currency")} data-testid="order-currency" />
        </SimpleGrid>
        <Divider label="What was bought (one order is in one currency)" labelPosition="left" />
        <OrderLinesEditor form={form} catalogue={catalogue} errors={errors} onChange={setForm} clearErrors={clearErrors} />
        <Group justify="flex-end">
          <Text fw={600} data-testid="order-total" aria-live="polite">
            Total {total === null ? "—" : formatMoney(total, form.currency)}
          </Text>
        </Group>
        <Textarea label="Note" autosize minRows={2} maxRows={5} value={form.note} error={errors.note}
          onChange={(e) => set("note", e.currentTarget.value, "note")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button type="submit" loading={saving} data-testid="order-save">Record order</Button>
        </Group>
      </Stack>
    </form>
  );
}
