// "Stay in touch every N days": a rhythm for a contact; a missed one raises a reminder task on
// Today and counts towards "at risk".
import { useEffect, useState } from "react";
import { Button, Card, Chip, Group, NumberInput, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconRepeat } from "@tabler/icons-react";
import dayjs from "dayjs";
import { commands } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate, relative } from "../lib/dates";
import { useLoad } from "../lib/useLoad";
import { formErrors } from "../tickets/formErrors";

export const PRESETS = [14, 30, 60, 90];

export function StayInTouchCard({ contactId }: { contactId: string }) {
  const { version, changed } = useData();
  const data = useLoad(async () => {
    const [every, contact] = await Promise.all([call(commands.rhythmGet(contactId)), call(commands.contactGet(contactId))]);
    return { every, last: contact.last_contacted_at };
  }, [contactId, version]);
  const [days, setDays] = useState<number | string>("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const every = data.data?.every ?? null;

  useEffect(() => {
    if (data.data) setDays(data.data.every ?? "");
  }, [data.data]);

  const save = async (value: number | null) => {
    if (value !== null && (!Number.isInteger(value) || value < 1 || value > 365)) {
      setError("Choose every 1 to 365 days.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await call(commands.rhythmSet(contactId, value));
      data.setData({ every: saved, last: data.data?.last ?? null });
      notifications.show({ color: "green", title: "Stay in touch", message: saved === null ? "No rhythm any more" : `Every ${saved} days` });
      changed();
    } catch (e) {
      const f = formErrors(e);
      if (f.every_days) setError(f.every_days);
      else notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const last = data.data?.last ?? null;
  const nextBy = every !== null && last ? dayjs(last).add(every, "day") : null;
  const typed = typeof days === "number" ? days : null;
  return (
    <Card withBorder padding="md" data-testid="stay-in-touch">
      <Group gap="xs" mb="xs"><IconRepeat size={18} aria-hidden /><Title order={5}>Stay in touch</Title></Group>
      {data.data && (
        <Stack gap="xs">
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Text size="sm" pt={6}>Every</Text>
            <NumberInput aria-label="Stay in touch every this many days" w={90} min={1} max={365} allowDecimal={false} allowNegative={false}
              value={days} error={error} onChange={(v) => { setDays(v); setError(null); }} data-testid="rhythm-days"
              onKeyDown={(e) => e.key === "Enter" && typed !== null && void save(typed)} />
            <Text size="sm" pt={6}>days</Text>
            <Button variant="light" loading={busy} disabled={typed === null || typed === every} onClick={() => typed !== null && void save(typed)}
              data-testid="rhythm-save">Save</Button>
            {every !== null && (
              <Button variant="subtle" color="gray" disabled={busy} onClick={() => void save(null)} data-testid="rhythm-clear">Clear</Button>
            )}
          </Group>
          <Chip.Group value={every !== null && PRESETS.includes(every) ? String(every) : ""} onChange={(v) => void save(Number(v))}>
            <Group gap={6} role="group" aria-label="Common rhythms">
              {PRESETS.map((p) => <Chip key={p} value={String(p)} size="xs" data-testid={`rhythm-preset-${p}`}>{p} days</Chip>)}
            </Group>
          </Chip.Group>
          <Text size="sm" data-testid="rhythm-state">
            {every === null
              ? "No rhythm set."
              : last
                ? `Last in touch ${relative(last)}; next by ${formatDate(nextBy!.toISOString())}.`
                : "Not in touch yet: the reminder is due now."}
          </Text>
          <Text size="xs" c="dimmed">
            When there has been no call, e-mail or meeting for longer than this, a reminder task appears on Today, and a customer shows as at risk.
          </Text>
        </Stack>
      )}
    </Card>
  );
}
