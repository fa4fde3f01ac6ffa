// Settings → Purchases and lifecycle: when a customer becomes loyal, and whether a won deal
// records its order.
import { useEffect, useState } from "react";
import { Button, Card, Group, NumberInput, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { commands, type PurchaseRules } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";

export function PurchaseRulesSettings() {
  const { changed } = useData();
  const rules = useLoad(() => call(commands.purchaseRulesGet()), []);
  const [form, setForm] = useState<PurchaseRules | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (rules.data) setForm(rules.data);
  }, [rules.data]);

  if (!form) return null;
  const set = (patch: Partial<PurchaseRules>) => {
    setForm({ ...form, ...patch });
    setErrors({});
  };
  const save = async () => {
    if (form.loyal_after_orders === 1) {
      setErrors({ loyal_after_orders: "Loyalty comes from repeat purchases: 2 orders or more (0 turns it off)." });
      return;
    }
    setSaving(true);
    try {
      rules.setData(await call(commands.purchaseRulesSet(form)));
      notifications.show({ color: "green", title: "Saved", message: "Purchases follow these rules from now on." });
      changed();
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => f === "loyal_after_orders");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card withBorder padding="lg" data-testid="purchase-rules">
      <Title order={4}>Purchases and lifecycle</Title>
      <Text size="sm" c="dimmed" mb="md">
        A first purchase makes a contact a customer. These rules decide when a customer counts as loyal, and what a won deal records.
      </Text>
      <Stack gap="md">
        <Stack gap={4}>
          <Group gap="xs" align="center" wrap="nowrap">
            <Text size="sm" id="loyal-after-label">A contact becomes a loyal customer after</Text>
            <NumberInput w={90} min={0} max={1000} allowDecimal={false} allowNegative={false} value={form.loyal_after_orders}
              aria-labelledby="loyal-after-label" aria-describedby="loyal-after-hint" error={errors.loyal_after_orders ? true : undefined}
              onChange={(v) => set({ loyal_after_orders: Number(v) || 0 })} data-testid="loyal-after-orders" />
            <Text size="sm">paid orders</Text>
          </Group>
          <Text size="xs" c="dimmed" id="loyal-after-hint">0 = never by the number of orders.</Text>
          {errors.loyal_after_orders && <Text size="xs" c="red" data-testid="loyal-after-error">{errors.loyal_after_orders}</Text>}
        </Stack>
        <Switch label="A customer whose referral buys becomes loyal" checked={form.loyal_on_referral}
          onChange={(e) => set({ loyal_on_referral: e.currentTarget.checked })} data-testid="loyal-on-referral" />
        <Switch label="Winning a deal creates its order" description="From the deal's line items, or one line with its title and value"
          checked={form.orders_from_won_deals} onChange={(e) => set({ orders_from_won_deals: e.currentTarget.checked })}
          data-testid="orders-from-won-deals" />
        <Group>
          <Button onClick={() => void save()} loading={saving} data-testid="purchase-rules-save">Save</Button>
        </Group>
      </Stack>
    </Card>
  );
}
