// A contact's (or a company's) purchases: how many orders, spent per currency, first and last
// purchase, subscriptions (Cancel), the latest orders (click opens one) and "New order".
import { useState } from "react";
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { IconPlus, IconShoppingBag } from "@tabler/icons-react";
import { commands, type EntityRef } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { formatMoney } from "../lib/money";
import { useLoad } from "../lib/useLoad";
import { OrderDrawer } from "./OrderDrawer";
import { OrderFormModal } from "./OrderFormModal";
import { OrderStatusBadge } from "./OrderStatusBadge";
import { SubscriptionRow } from "./SubscriptionRow";
import { formatNumber } from "../lib/numbers";

const RECENT_SHOWN = 5;

function Figure({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" fw={500} data-testid={testId}>{children}</Text>
    </div>
  );
}

interface Props {
  id: string;
  /** The id is a company's (its orders, by any of its people). */
  company?: boolean;
  /** The name, for "New order" (looked up when absent). */
  name?: string;
}

export function PurchasesCard({ id, company = false, name }: Props) {
  const { version, changed } = useData();
  const data = useLoad(() => call(commands.purchasesOf(id, company)), [id, company, version]);
  const [buyer, setBuyer] = useState<EntityRef | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const p = data.data;
  const active = p?.subscriptions.filter((s) => s.cancelled_at === null) ?? [];
  const cancelled = p?.subscriptions.filter((s) => s.cancelled_at !== null) ?? [];
  const recent = p ? (all ? p.recent : p.recent.slice(0, RECENT_SHOWN)) : [];

  // "New order" names the buyer in its picker: the name given, or looked up.
  const newOrder = async () => {
    let n = name;
    if (n === undefined) {
      try {
        n = company ? (await call(commands.companyGet(id))).name : (await call(commands.contactGet(id))).display_name;
      } catch {
        n = "";
      }
    }
    setBuyer({ id, name: n });
  };

  return (
    <Card withBorder padding="md" data-testid="purchases-card">
      <Group justify="space-between" mb="xs">
        <Group gap="xs"><IconShoppingBag size={18} /><Title order={5}>Purchases</Title></Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => void newOrder()} data-testid="purchases-new-order">
          New order
        </Button>
      </Group>
      {data.error ? <Text size="sm" c="red">{errorMessage(data.error)}</Text> : null}
      {p && p.orders === 0 && p.recent.length === 0 && p.subscriptions.length === 0 && (
        <Text size="sm" c="dimmed">No purchases yet.</Text>
      )}
      {p && (p.orders > 0 || p.recent.length > 0) && (
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            <Figure label="Orders" testId="purchases-orders">{formatNumber(p.orders)}</Figure>
            <Figure label="Spent" testId="purchases-spent">
              {p.spent.length === 0 ? "—" : (
                <Stack gap={0} component="span">
                  {p.spent.map((a) => <span key={a.currency} data-testid="purchases-spent-amount">{formatMoney(a.amount_minor, a.currency)}</span>)}
                </Stack>
              )}
            </Figure>
            <Figure label="First purchase" testId="purchases-first">{formatDate(p.first_at)}</Figure>
            <Figure label="Last purchase" testId="purchases-last">{formatDate(p.last_at)}</Figure>
          </SimpleGrid>
        </Stack>
      )}
      {p && p.subscriptions.length > 0 && (
        <Stack gap={6} mt="sm" data-testid="purchases-subscriptions">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">Subscriptions</Text>
          {[...active, ...cancelled].map((s) => <SubscriptionRow key={s.id} s={s} onChanged={changed} showContact={company} />)}
        </Stack>
      )}
      {p && p.recent.length > 0 && (
        <Stack gap={4} mt="sm" data-testid="purchases-recent">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">Latest orders</Text>
          {recent.map((o) => (
            <UnstyledButton key={o.id} onClick={() => setOpenId(o.id)} data-testid="purchases-order" aria-label={`Open order ${o.number}`}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" truncate="end">{o.items || `Order ${o.number}`}</Text>
                  <Text size="xs" c="dimmed">Order {o.number} · {formatDate(o.ordered_at)}</Text>
                </Stack>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" style={{ whiteSpace: "nowrap" }}>{formatMoney(o.total_minor, o.currency)}</Text>
                  {o.status !== "paid" && <OrderStatusBadge status={o.status} />}
                </Group>
              </Group>
            </UnstyledButton>
          ))}
          {p.recent.length > RECENT_SHOWN && (
            <Anchor component="button" type="button" size="xs" ta="left" onClick={() => setAll(!all)} data-testid="purchases-all">
              {all ? "Show fewer" : `Show all ${p.recent.length}${p.recent.length === 50 ? " latest" : ""} orders`}
            </Anchor>
          )}
        </Stack>
      )}
      {buyer && (
        <OrderFormModal contact={company ? null : buyer} company={company ? buyer : null}
          onClose={() => setBuyer(null)} onSaved={(o) => { setBuyer(null); changed(); setOpenId(o.summary.id); }} />
      )}
      <OrderDrawer orderId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
