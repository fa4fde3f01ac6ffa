// Records money paid back on an order: an amount (at most what is left) and a reason. The back
// end's refusal (e.g. more than was paid) shows under the amount.
import { useState } from "react";
import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { commands, type Order } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { fieldErrors } from "../lib/errors";
import { formatMoney, minorToInput, parseMoney } from "../lib/money";

export function RefundModal({ order, onClose, onDone }: { order: Order; onClose: () => void; onDone: (o: Order) => void }) {
  const s = order.summary;
  const left = s.total_minor - s.refunded_minor;
  const [amount, setAmount] = useState(() => minorToInput(left, s.currency));
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const minor = parseMoney(amount, s.currency);
    if (minor === null) {
      setErrors({ amount_minor: amount.trim() ? `“${amount}” is not an amount.` : "Enter the amount paid back." });
      return;
    }
    setSaving(true);
    try {
      const saved = await call(commands.orderRefund(s.id, minor, reason.trim() || null));
      notifications.show({ color: "green", title: "Refund recorded", message: `${formatMoney(minor, s.currency)} on order ${s.number}` });
      onDone(saved);
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => f === "amount_minor" || f === "reason");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Refund on order ${s.number}`}>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="refund-form">
        <Stack>
          <Text size="sm" c="dimmed">
            Paid {formatMoney(s.total_minor, s.currency)}
            {s.refunded_minor > 0 ? `, refunded ${formatMoney(s.refunded_minor, s.currency)} already` : ""}: up to{" "}
            {formatMoney(left, s.currency)} can be refunded. A full refund ends the order's subscriptions.
          </Text>
          <TextInput label={`Amount (${s.currency})`} withAsterisk data-autofocus value={amount} error={errors.amount_minor}
            onChange={(e) => { setAmount(e.currentTarget.value); setErrors({}); }} data-testid="refund-amount" />
          <TextInput label="Reason" placeholder="e.g. Cancelled the training day" value={reason} error={errors.reason}
            onChange={(e) => setReason(e.currentTarget.value)} data-testid="refund-reason" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" color="orange" loading={saving} data-testid="refund-save">Record refund</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
