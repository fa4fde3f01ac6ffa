// Settings → Business days, holidays and sending rules: the open days, at most N marketing e-mails per contact in D days, quiet hours,
// your time zone, and the holidays business-day delays skip.
import { useEffect, useState } from "react";
import { ActionIcon, Button, Card, Chip, Group, NumberInput, Select, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { DateInput, TimeInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { commands, type Holiday, type SendingRules as Rules } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { fieldErrors } from "../lib/errors";
import { timeZones } from "../lib/lookups";
import { useLoad } from "../lib/useLoad";
import { formatDay, pickerFormat } from "../lib/dates";
import { minutesToTime, timeToMinutes } from "../sequences/format";

const SHOWN = new Set(["cap_count", "cap_days", "quiet_start", "quiet_end", "owner_time_zone", "open_days"]);
const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The open days as chip values ("0" Monday … "6" Sunday); Monday to Friday when unknown. */
export function openDayValues(days: boolean[] | undefined): string[] {
  const d = days && days.length === 7 ? days : [true, true, true, true, true, false, false];
  return d.flatMap((open, i) => (open ? [String(i)] : []));
}

/** "2026-12-25" → "Fri 25 Dec 2026" in the chosen date order (a calendar day: no time zone shift). */
export function holidayDate(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return day;
  return formatDay(day, true);
}

function Holidays() {
  const list = useLoad(() => call(commands.holidaysList()), []);
  const [day, setDay] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = async () => {
    if (!day) {
      setErrors({ on_date: "Choose the day." });
      return;
    }
    try {
      list.setData(await call(commands.holidayAdd({ on_date: day.slice(0, 10), name: name.trim() })));
      setDay(null);
      setName("");
      setErrors({});
    } catch (e) {
      const f = fieldErrors(coreOf(e));
      setErrors(f);
      notifyError(e, (k) => k === "on_date" || k === "name");
    }
  };
  const remove = async (h: Holiday) => {
    try {
      list.setData(await call(commands.holidayDelete(h.id)));
    } catch (e) {
      notifyError(e);
    }
  };
  const rows = list.data ?? [];
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">Holidays</Text>
      <Text size="xs" c="dimmed">Days off: delays in business days skip them, as they skip weekends.</Text>
      {rows.length > 0 && (
        <Table verticalSpacing={4} maw={520} data-testid="holidays">
          <Table.Tbody>
            {rows.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td w={180}>{holidayDate(h.on_date)}</Table.Td>
                <Table.Td>{h.name}</Table.Td>
                <Table.Td w={40}>
                  <Tooltip label="Remove">
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${h.name || h.on_date}`} onClick={() => void remove(h)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-start" gap="xs">
        <DateInput aria-label="Holiday date" placeholder="Date" value={day} onChange={(v) => { setDay(v); setErrors({}); }} w={170}
          valueFormat={pickerFormat()} error={errors.on_date} clearable />
        <TextInput aria-label="Holiday name" placeholder="e.g. Christmas Day" value={name} error={errors.name} w={220}
          onChange={(e) => setName(e.currentTarget.value)} onKeyDown={(e) => e.key === "Enter" && void add()} />
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => void add()}>Add holiday</Button>
      </Group>
    </Stack>
  );
}

export function SendingRules() {
  const rules = useLoad(() => call(commands.sendingRulesGet()), []);
  const [form, setForm] = useState<Rules | null>(null);
  const [quiet, setQuiet] = useState(false);
  const [from, setFrom] = useState("21:00");
  const [to, setTo] = useState("08:00");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const r = rules.data;
    if (!r) return;
    setForm(r);
    setQuiet(r.quiet_start !== null && r.quiet_end !== null);
    if (r.quiet_start !== null) setFrom(minutesToTime(r.quiet_start));
    if (r.quiet_end !== null) setTo(minutesToTime(r.quiet_end));
  }, [rules.data]);

  if (!form) return null;
  const set = (patch: Partial<Rules>, field: string) => {
    setForm({ ...form, ...patch });
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };
  const save = async () => {
    setSaving(true);
    try {
      const next: Rules = { ...form, quiet_start: quiet ? timeToMinutes(from) : null, quiet_end: quiet ? timeToMinutes(to) : null };
      rules.setData(await call(commands.sendingRulesSet(next)));
      setErrors({});
      notifications.show({ color: "green", title: "Sending rules saved", message: "They apply to e-mails and steps from now on." });
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.has(f));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card withBorder padding="lg" data-testid="sending-rules">
      <Title order={4}>Business days, holidays and sending rules</Title>
      <Text size="sm" c="dimmed" mb="md">Keep your e-mails welcome: not too many, and not at night. They apply to every sequence and broadcast.</Text>
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="open-days-label">Open days</Text>
          <Chip.Group multiple value={openDayValues(form.open_days)} onChange={(v) => set({ open_days: DAY_NAMES.map((_, i) => v.includes(String(i))) }, "open_days")}>
            <Group gap={6} role="group" aria-labelledby="open-days-label" data-testid="open-days">
              {DAY_NAMES.map((d, i) => <Chip key={d} value={String(i)} size="sm">{d}</Chip>)}
            </Group>
          </Chip.Group>
          <Text size="xs" c={errors.open_days ? "red" : "dimmed"}>{errors.open_days ?? "“Business days” in sequence steps count only these, and skip your holidays."}</Text>
        </Stack>
        <Group align="flex-end" gap="xs">
          <Text size="sm" pb={8}>At most</Text>
          <NumberInput aria-label="At most this many marketing e-mails" w={90} min={0} max={100} allowDecimal={false} value={form.cap_count}
            error={errors.cap_count} onChange={(v) => set({ cap_count: Number(v) || 0 }, "cap_count")} data-testid="cap-count" />
          <Text size="sm" pb={8}>marketing e-mails to one contact in</Text>
          <NumberInput aria-label="Within this many days" w={90} min={0} max={365} allowDecimal={false} value={form.cap_days}
            error={errors.cap_days} onChange={(v) => set({ cap_days: Number(v) || 0 }, "cap_days")} data-testid="cap-days" />
          <Text size="sm" pb={8}>days</Text>
        </Group>
        <Text size="xs" c="dimmed" mt={-8}>0 days turns the cap off. E-mails over the cap wait until they fit.</Text>
        <Stack gap="xs">
          <Switch label="Quiet hours: no e-mails or calls at night (in each contact's own time zone)" checked={quiet}
            onChange={(e) => { setQuiet(e.currentTarget.checked); setErrors(({ quiet_start: _q, ...rest }) => rest); }} data-testid="quiet-hours" />
          {quiet && (
            <Group gap="xs" align="flex-start">
              <TimeInput label="From" w={130} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
              <TimeInput label="To" w={130} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
            </Group>
          )}
          {(errors.quiet_start ?? errors.quiet_end) && <Text size="xs" c="red">{errors.quiet_start ?? errors.quiet_end}</Text>}
        </Stack>
        <Select label="Your time zone" description="For your holidays, and for contacts whose time zone is unknown" searchable maw={360}
          data={timeZones().includes(form.owner_time_zone) ? timeZones() : [form.owner_time_zone, ...timeZones()]} value={form.owner_time_zone} error={errors.owner_time_zone} allowDeselect={false}
          onChange={(z) => z && set({ owner_time_zone: z }, "owner_time_zone")} data-testid="owner-time-zone" />
        <Group>
          <Button onClick={save} loading={saving} data-testid="sending-rules-save">Save sending rules</Button>
        </Group>
        <Holidays />
      </Stack>
    </Card>
  );
}
