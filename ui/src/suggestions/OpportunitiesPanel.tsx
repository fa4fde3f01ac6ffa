// Customers → Opportunities: every customer's upsell and cross-sell suggestions in one list,
// sortable and filterable, each with "Create deal" and "E-mail".
import { useMemo, useRef, useState } from "react";
import { Anchor, Center, Group, Loader, SegmentedControl, Select, Stack, Table, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBulb } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type ContactDetail, type Suggestion, type SuggestionKind } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { errorMessage } from "../lib/errors";
import { formatMoney } from "../lib/money";
import { useLoad } from "../lib/useLoad";
import { KIND_LABELS, emailOf, openLink, suggestionMailto } from "./format";
import { KindBadge, SuggestionActions } from "./SuggestionActions";
import { EXPECTED_HINT } from "./SuggestionsCard";

export type Sort = "value" | "customer" | "kind";
const SORTS: { value: Sort; label: string }[] = [
  { value: "value", label: "Expected value" },
  { value: "customer", label: "Customer name" },
  { value: "kind", label: "Kind" },
];

/** Sorted copies: the highest value first; by name A–Z; upsells before cross-sells (then by value). */
export function sortSuggestions(list: Suggestion[], sort: Sort): Suggestion[] {
  const byValue = (a: Suggestion, b: Suggestion) => b.expected_value_minor - a.expected_value_minor;
  const out = [...list];
  if (sort === "value") out.sort((a, b) => byValue(a, b) || a.contact.name.localeCompare(b.contact.name));
  if (sort === "customer") out.sort((a, b) => a.contact.name.localeCompare(b.contact.name) || byValue(a, b));
  if (sort === "kind") out.sort((a, b) => (a.kind === b.kind ? byValue(a, b) : a.kind === "upsell" ? -1 : 1));
  return out;
}

/** "€12,400 · $3,000": totals per currency. */
function totals(list: Suggestion[]): string {
  const by = new Map<string, number>();
  for (const s of list) by.set(s.currency, (by.get(s.currency) ?? 0) + s.expected_value_minor);
  return [...by].map(([c, v]) => formatMoney(v, c)).join(" · ");
}

export function OpportunitiesPanel() {
  const { version } = useData();
  const list = useLoad(() => call(commands.opportunitiesList()), [version]);
  const [sort, setSort] = useState<Sort>("value");
  const [kind, setKind] = useState<SuggestionKind | "all">("all");
  const contacts = useRef(new Map<string, ContactDetail>());

  const rows = useMemo(() => sortSuggestions((list.data ?? []).filter((s) => kind === "all" || s.kind === kind), sort), [list.data, kind, sort]);

  const email = async (s: Suggestion) => {
    try {
      let c = contacts.current.get(s.contact.id);
      if (!c) {
        c = await call(commands.contactGet(s.contact.id));
        contacts.current.set(c.id, c);
      }
      const to = emailOf(c);
      if (c.do_not_contact) notifications.show({ color: "yellow", title: "Not e-mailed", message: `${c.display_name} asked not to be contacted.` });
      else if (!to) notifications.show({ color: "yellow", title: "No e-mail address", message: `${c.display_name} has no e-mail address.` });
      else openLink(suggestionMailto(to, c.first_name, s));
    } catch (e) {
      notifyError(e);
    }
  };

  if (!list.data) return <Center py="xl">{list.error ? <Text c="red">{errorMessage(list.error)}</Text> : <Loader />}</Center>;
  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <SegmentedControl aria-label="Show" value={kind} onChange={(v) => setKind(v as SuggestionKind | "all")} data-testid="opportunities-kind"
            data={[{ value: "all", label: "All" }, { value: "upsell", label: KIND_LABELS.upsell }, { value: "cross_sell", label: KIND_LABELS.cross_sell }]} />
          <Select aria-label="Sort by" w={220} data={SORTS} value={sort} allowDeselect={false} onChange={(v) => v && setSort(v as Sort)}
            data-testid="opportunities-sort" leftSection={<Text size="xs" c="dimmed" pl={4}>Sort</Text>} leftSectionWidth={40} />
        </Group>
        {rows.length > 0 && (
          <Text size="sm" data-testid="opportunities-total">
            {rows.length} {rows.length === 1 ? "opportunity" : "opportunities"}, worth {totals(rows)} expected
          </Text>
        )}
      </Group>
      {rows.length === 0 ? (
        <Stack align="center" gap={6} py="xl">
          <IconBulb size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
          <Text fw={500}>No opportunities{kind === "all" ? "" : ` of this kind`}</Text>
          <Text size="sm" c="dimmed" ta="center" maw={480}>
            Suggestions come from what customers bought: the next plan on a product's upgrade path, add-ons the catalogue pairs with it,
            and products often owned together.
          </Text>
        </Stack>
      ) : (
        <Table verticalSpacing="sm" highlightOnHover data-testid="opportunities-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Customer</Table.Th>
              <Table.Th w={140}>Kind</Table.Th>
              <Table.Th>Product</Table.Th>
              <Table.Th miw={280}>Why</Table.Th>
              <Table.Th w={150} ta="right" style={{ whiteSpace: "nowrap" }}><Tooltip label={EXPECTED_HINT} multiline w={300}><span>Expected value</span></Tooltip></Table.Th>
              <Table.Th w={200} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={`${s.contact.id}-${s.kind}-${s.product.id}`} data-testid="opportunity-row">
                <Table.Td><Anchor component={Link} to={`/contacts/${s.contact.id}`} size="sm">{s.contact.name}</Anchor></Table.Td>
                <Table.Td><KindBadge kind={s.kind} /></Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>{s.product.name}</Text>
                  <Text size="xs" c="dimmed">{formatMoney(s.price_minor, s.currency)}</Text>
                </Table.Td>
                <Table.Td><Text size="sm">{s.reason}</Text></Table.Td>
                <Table.Td ta="right"><Text size="sm" fw={600}>{formatMoney(s.expected_value_minor, s.currency)}</Text></Table.Td>
                <Table.Td><SuggestionActions suggestion={s} onEmail={() => void email(s)} size="xs" /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
