// One subscription: the plan, its price per period, active (renewal date) or cancelled, and Cancel.
import { useState } from "react";
import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCircleX, IconRepeat } from "@tabler/icons-react";
import { commands, type Subscription } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { formatDate } from "../lib/dates";
import { priceLabel } from "../products/format";

export function SubscriptionRow({ s, onChanged, showContact }: { s: Subscription; onChanged: () => void; showContact?: boolean }) {
  const [busy, setBusy] = useState(false);
  const active = s.cancelled_at === null;
  const cancel = () => confirmDanger({
    title: `Cancel ${s.product.name}?`,
    body: "The subscription stops renewing from today. The order it came from stays as it is.",
    confirmLabel: "Cancel subscription",
    onConfirm: async () => {
      setBusy(true);
      try {
        await call(commands.subscriptionCancel(s.id));
        notifications.show({ color: "green", title: "Subscription cancelled", message: `${s.product.name} no longer renews.` });
        onChanged();
      } catch (e) {
        notifyError(e);
      } finally {
        setBusy(false);
      }
    },
  });
  return (
    <Group justify="space-between" wrap="nowrap" data-testid="subscription" data-active={active || undefined}>
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500} truncate="end">{s.product.name}</Text>
          {active ? (
            <Badge size="xs" variant="light" color="green" leftSection={<IconRepeat size={10} aria-hidden />}>Active</Badge>
          ) : (
            <Badge size="xs" variant="light" color="gray" leftSection={<IconCircleX size={10} aria-hidden />}>Cancelled</Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {priceLabel(s.price_minor, s.currency, s.interval)}
          {showContact && s.contact ? ` · ${s.contact.name}` : ""}
          {" · "}
          {active ? (s.renews_at ? `renews ${formatDate(s.renews_at)}` : `since ${formatDate(s.started_at)}`) : `cancelled ${formatDate(s.cancelled_at)}`}
        </Text>
      </Stack>
      {active && (
        <Button size="compact-xs" variant="subtle" color="red" loading={busy} onClick={cancel} aria-label={`Cancel ${s.product.name}`}
          data-testid="subscription-cancel">
          Cancel
        </Button>
      )}
    </Group>
  );
}
