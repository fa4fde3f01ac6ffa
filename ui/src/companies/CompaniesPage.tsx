// The companies list: filters, sortable virtualised table, "New company".
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, CloseButton, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconBuildingStore, IconPlus, IconSearch } from "@tabler/icons-react";
import { useNavigate } from "react-router-dom";
import { commands, type CompanyRow, type CompanySort, type SortDirection } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { useLookups } from "../lib/lookups";
import { usePagedRows } from "../lib/paging";
import { TableBox, VirtualTable } from "../lib/VirtualTable";
import { useCreate } from "../app/create";
import { companyColumns } from "./companyColumns";
import { ExportMenu } from "../export/ExportMenu";
import { formatNumber } from "../lib/numbers";

const DEFAULT_DIRECTION: Record<CompanySort, SortDirection> = { name: "asc", contacts: "desc", created: "desc", updated: "desc" };
const SORT_OPTIONS = [
  { value: "name:asc", label: "Sort: Name A–Z" },
  { value: "name:desc", label: "Sort: Name Z–A" },
  { value: "contacts:desc", label: "Sort: Most contacts" },
  { value: "created:desc", label: "Sort: Newest first" },
  { value: "updated:desc", label: "Sort: Recently updated" },
];

export function CompaniesPage() {
  const navigate = useNavigate();
  const { version } = useData();
  const { industries, tags, owners } = useLookups();
  const { newCompany } = useCreate();
  const [text, setText] = useState("");
  const [debounced] = useDebouncedValue(text, 250);
  const [industry, setIndustry] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [sort, setSort] = useState<CompanySort>("name");
  const [direction, setDirection] = useState<SortDirection>("asc");

  const query = useMemo(
    () => ({ text: debounced.trim() || null, industry, tag, owner, sort, direction }),
    [debounced, industry, tag, owner, sort, direction],
  );
  const key = JSON.stringify({ query, version });
  const fetchPage = useCallback(
    (offset: number, limit: number) => call(commands.companiesList({ ...query, offset, limit })),
    [query],
  );
  const paged = usePagedRows<CompanyRow>(key, fetchPage);
  useEffect(() => {
    if (paged.error) notifyError(paged.error);
  }, [paged.error]);

  const onSort = (s: CompanySort) => {
    if (s === sort) setDirection((d) => (d === "asc" ? "desc" : "asc"));
    else {
      setSort(s);
      setDirection(DEFAULT_DIRECTION[s]);
    }
  };
  const filtered = !!(query.text || industry || tag || owner);

  return (
    <Stack h="100%" p="lg" gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Companies</Title>
          <Text size="sm" c="dimmed" data-testid="companies-total">
            {paged.total === null ? "Loading…" : `${formatNumber(paged.total)} ${paged.total === 1 ? "company" : "companies"}${filtered ? " match" : ""}`}
          </Text>
        </div>
        <Group gap="sm">
          <Select aria-label="Sort by" placeholder="Sort" w={200} allowDeselect={false} value={`${sort}:${direction}`}
            data={SORT_OPTIONS} onChange={(v) => {
              if (!v) return;
              const [s, d] = v.split(":");
              setSort(s as CompanySort);
              setDirection(d === "desc" ? "desc" : "asc");
            }} />
          <ExportMenu what="companies" list={() => ({ list: "companies", query: { ...query, offset: 0, limit: null } })} />
          <Button leftSection={<IconPlus size={18} />} onClick={newCompany} data-testid="new-company">
            New company
          </Button>
        </Group>
      </Group>
      <Group gap="sm">
        <TextInput placeholder="Filter by name, domain, city…" leftSection={<IconSearch size={16} />} w={280}
          value={text} onChange={(e) => setText(e.currentTarget.value)} aria-label="Filter companies"
          rightSection={text ? <CloseButton size="sm" onClick={() => setText("")} aria-label="Clear" /> : null} />
        <Select placeholder="Any industry" data={industries} value={industry} onChange={setIndustry} clearable searchable w={190} aria-label="Industry" />
        <Select placeholder="Any tag" data={tags.map((t) => t.name)} value={tag} onChange={setTag} clearable searchable w={150} aria-label="Tag" />
        <Select placeholder="Any owner" data={owners} value={owner} onChange={setOwner} clearable searchable w={150} aria-label="Owner" />
      </Group>
      <TableBox>
        <VirtualTable<CompanyRow, CompanySort>
          columns={companyColumns}
          total={paged.total}
          rowAt={paged.rowAt}
          ensureRange={paged.ensureRange}
          queryKey={key}
          rowKey={(r) => r.id}
          onRowClick={(r) => navigate(`/companies/${r.id}`)}
          sort={sort}
          direction={direction}
          onSort={onSort}
          listTestId="companies-list"
          rowTestId="company-row"
          minWidth={990}
          empty={
            <Stack align="center" gap={6}>
              <IconBuildingStore size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
              <Text fw={500}>{filtered ? "No companies match these filters" : "No companies yet"}</Text>
              <Text size="sm" c="dimmed">{filtered ? "Try removing a filter." : "Add the businesses you work with."}</Text>
              {!filtered && <Button mt="xs" variant="light" onClick={newCompany}>Add a company</Button>}
            </Stack>
          }
        />
      </TableBox>
    </Stack>
  );
}
