// "Regional formats": the default currency, the language and region numbers and dates follow,
// the order of day, month and year, the clock, and the first day of the week. Each choice is
// saved (and applied everywhere) as soon as it is made; a refused one is named and undone.
import { useState } from "react";
import { Card, Group, Select, SimpleGrid, Text, Title } from "@mantine/core";
import { commands, type RegionalInput } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { fieldErrors } from "../lib/errors";
import { formatDate, formatTime } from "../lib/dates";
import { formatMoney } from "../lib/money";
import { formatNumber } from "../lib/numbers";
import { applyRegional, localeWeekStart, useRegional } from "../lib/regional";
import { useLoad } from "../lib/useLoad";
import { currencyChoices, LOCALES, localeLabel, WEEKDAYS } from "./regionalChoices";

const SAMPLE = new Date(2026, 11, 24, 14, 30).toISOString();

export function RegionalSettings() {
  const loaded = useLoad(() => call(commands.regionalGet()), []);
  const codes = useLoad(() => commands.regionalCurrencies(), []);
  const current = useRegional();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const r = loaded.data?.chosen ?? current;

  const save = async (patch: Partial<RegionalInput>) => {
    const next = { ...r, ...patch };
    setErrors({});
    setSaved(false);
    try {
      const out = await call(commands.regionalSet(next));
      loaded.setData(out);
      applyRegional(out.chosen);
      setSaved(true);
    } catch (e) {
      const f = fieldErrors(coreOf(e));
      setErrors(f);
      if (Object.keys(f).length === 0) notifyError(e);
    }
  };

  const systemTag = new Intl.DateTimeFormat().resolvedOptions().locale.split("-u-")[0];
  const systemDay = WEEKDAYS[localeWeekStart(r.locale || undefined)];
  return (
    <Card withBorder padding="lg" data-testid="regional-settings">
      <Title order={4}>Regional formats</Title>
      <Text size="sm" c="dimmed" mb="sm">
        The currency new deals, orders and products start in, and how numbers, dates and times are written.
        {loaded.data && !loaded.data.saved ? " The currency is the one most of your deals use until you choose." : ""}
      </Text>
      {loaded.data && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select label="Default currency" searchable data={currencyChoices(r.currency, codes.data ?? undefined)} value={r.currency} allowDeselect={false}
            error={errors.currency} onChange={(v) => v && save({ currency: v })} data-testid="regional-currency" />
          <Select label="Language and region" description="For numbers, month names and the usual date order" searchable
            data={[{ value: "", label: `Same as the system (${localeLabel(systemTag)})` }, ...LOCALES.map((t) => ({ value: t, label: localeLabel(t) }))]}
            value={r.locale} allowDeselect={false} error={errors.locale} onChange={(v) => v !== null && save({ locale: v })} data-testid="regional-locale" />
          <Select label="Dates" allowDeselect={false} value={r.date_order} onChange={(v) => v && save({ date_order: v as RegionalInput["date_order"] })}
            data={[
              { value: "system", label: "As the language and region write them" },
              { value: "day_month_year", label: "Day month year (24 Dec 2026)" },
              { value: "month_day_year", label: "Month day, year (Dec 24, 2026)" },
              { value: "year_month_day", label: "Year-month-day (2026-12-24)" },
            ]} data-testid="regional-dates" />
          <Select label="Times" allowDeselect={false} value={r.clock} onChange={(v) => v && save({ clock: v as RegionalInput["clock"] })}
            data={[
              { value: "system", label: "As the language and region write them" },
              { value: "h12", label: "12-hour (2:30 PM)" },
              { value: "h24", label: "24-hour (14:30)" },
            ]} data-testid="regional-clock" />
          <Select label="Weeks start on" allowDeselect={false} value={r.week_start} onChange={(v) => v && save({ week_start: v as RegionalInput["week_start"] })}
            description="In calendars and date pickers"
            data={[
              { value: "system", label: `As the language and region do (${systemDay})` },
              { value: "monday", label: "Monday" },
              { value: "saturday", label: "Saturday" },
              { value: "sunday", label: "Sunday" },
            ]} data-testid="regional-week" />
        </SimpleGrid>
      )}
      <Group gap="xs" mt="md">
        <Text size="sm" c="dimmed">Looks like:</Text>
        <Text size="sm" data-testid="regional-sample">
          {formatDate(SAMPLE)} · {formatTime(SAMPLE)} · {formatNumber(1234567.89)} · {formatMoney(123456, current.currency)}
        </Text>
        {saved && <Text size="sm" c="green">Saved</Text>}
      </Group>
    </Card>
  );
}
