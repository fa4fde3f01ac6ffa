// A filter in one line of words: "Lifecycle stage is any of Customer, Loyal customer, or Has won a deal: yes".
import { Text } from "@mantine/core";
import type { Filter, Rule } from "../bindings";
import { opLabel, takesValues } from "./criteria";
import { useCriteria } from "./FilterEditor";

type Options = NonNullable<ReturnType<typeof useCriteria>>;

function words(rules: Rule[], join: Filter["join"], o: Options): string {
  const parts = rules.map((r) => {
    if (r.type === "group") return `(${words(r.rules, r.join, o)})`;
    const f = o.fields.find((x) => x.key === r.field);
    if (!f) return `${r.field} (unknown field)`;
    if (f.kind === "yes_no") return `${f.label}: ${r.op === "is_true" ? "yes" : "no"}`;
    if (!takesValues(r.op)) return `${f.label} ${opLabel(f, r.op)}`;
    const labels = f.kind === "choice" ? r.values.map((v) => o.choices(f).find((c) => c.value === v)?.label ?? v) : r.values;
    const days = f.kind === "days" ? " days" : "";
    return `${f.label} ${opLabel(f, r.op)} ${labels.join(", ")}${days}`;
  });
  return parts.join(join === "all" ? " and " : " or ");
}

export function FilterSummary({ filter, empty = "Everyone" }: { filter: Filter | null; empty?: string }) {
  const o = useCriteria();
  if (!o) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="filter-summary">
      {filter && filter.rules.length ? words(filter.rules, filter.join, o) : empty}
    </Text>
  );
}
