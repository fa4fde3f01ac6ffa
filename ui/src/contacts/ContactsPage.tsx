// The contacts list: filters, sortable virtualised table, "New contact".
import { useCallback, useEffect, useMemo, useState } from "react";
import { Badge, Button, CloseButton, Group, NumberInput, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus, IconSearch, IconUsers } from "@tabler/icons-react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { commands, type ContactRow, type ContactSort, type LifecycleStage, type SortDirection, type Temperature, type TierId } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { useLookups } from "../lib/lookups";
import { usePagedRows } from "../lib/paging";
import { reportFirstListPainted } from "../lib/perf";
import { STAGE_OPTIONS, isStage } from "../lib/stages";
import { TableBox, VirtualTable } from "../lib/VirtualTable";
import { useCreate } from "../app/create";
import { contactColumns } from "./contactColumns";
import { ExportMenu } from "../export/ExportMenu";
import { SegmentBulk } from "../segments/SegmentBulk";
import { useLoad } from "../lib/useLoad";
import { TIER_IDS, tierLetter } from "../tiers/format";
import { formatNumber } from "../lib/numbers";

const TEMPERATURES: { value: Temperature; label: string }[] = [
  { value: "hot", label: "Hot" },
  { value: "warm", label: "Warm" },
  { value: "cold", label: "Cold" },
];

const DEFAULT_DIRECTION: Record<ContactSort, SortDirection> = {
  name: "asc",
  company: "asc",
  stage: "asc",
  last_contacted: "desc",
  next_follow_up: "asc",
  created: "desc",
  updated: "desc",
  score: "desc",
};

const SORT_OPTIONS = [
  { value: "name:asc", label: "Sort: Name A–Z" },
  { value: "name:desc", label: "Sort: Name Z–A" },
  { value: "company:asc", label: "Sort: Company" },
  { value: "stage:asc", label: "Sort: Stage" },
  { value: "score:desc", label: "Sort: Highest score" },
  { value: "last_contacted:desc", label: "Sort: Recently contacted" },
  { value: "next_follow_up:asc", label: "Sort: Next follow-up" },
  { value: "created:desc", label: "Sort: Newest first" },
  { value: "created:asc", label: "Sort: Oldest first" },
  { value: "updated:desc", label: "Sort: Recently updated" },
];

export function ContactsPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const companyId = params.get("company");
  const companyName = params.get("companyName");
  const segment = params.get("segment");
  const { version } = useData();
  const audiences = useLoad(async () => {
    const [segments, personas] = await Promise.all([call(commands.segmentsNames()), call(commands.personasList())]);
    return { segments, personas };
  }, [version]);
  const { leadSources, tags, owners } = useLookups();
  const { newContact } = useCreate();
  const [text, setText] = useState("");
  const [debounced] = useDebouncedValue(text, 250);
  const [stage, setStage] = useState<LifecycleStage | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [temperature, setTemperature] = useState<Temperature | null>(null);
  const [tier, setTier] = useState<TierId | null>((["a", "b", "c"] as const).find((t) => t === params.get("tier")) ?? null);
  const [persona, setPersona] = useState<string | null>(params.get("persona"));
  const [minScore, setMinScore] = useState<number | string>("");
  const [sort, setSort] = useState<ContactSort>("name");
  const [direction, setDirection] = useState<SortDirection>("asc");

  const filter = useMemo(
    () => ({
      text: debounced.trim() || null,
      stage,
      lead_source_id: source,
      tag,
      owner,
      company_id: companyId,
      segment_id: segment,
      temperature,
      tier,
      persona_id: persona,
      min_score: typeof minScore === "number" ? minScore : null,
    }),
    [debounced, stage, source, tag, owner, companyId, segment, temperature, tier, persona, minScore],
  );
  const key = JSON.stringify({ filter, sort, direction, version });
  const fetchPage = useCallback(
    (offset: number, limit: number) => call(commands.contactsList({ filter, sort, direction, offset, limit })),
    [filter, sort, direction],
  );
  const paged = usePagedRows<ContactRow>(key, fetchPage);
  const firstRow = paged.rowAt(0);
  useEffect(() => {
    if (firstRow) reportFirstListPainted();
  }, [firstRow]);
  useEffect(() => {
    if (paged.error) notifyError(paged.error);
  }, [paged.error]);

  const onSort = (s: ContactSort) => {
    if (s === sort) setDirection((d) => (d === "asc" ? "desc" : "asc"));
    else {
      setSort(s);
      setDirection(DEFAULT_DIRECTION[s]);
    }
  };
  const filtered = !!(filter.text || stage || source || tag || owner || companyId || segment || temperature || tier || persona || filter.min_score !== null);
  const setSegment = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set("segment", id);
    else next.delete("segment");
    setParams(next);
  };

  return (
    <Stack h="100%" p="lg" gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Contacts</Title>
          <Text size="sm" c="dimmed" data-testid="contacts-total">
            {paged.total === null ? "Loading…" : `${formatNumber(paged.total)} ${paged.total === 1 ? "contact" : "contacts"}${filtered ? " match" : ""}`}
          </Text>
        </div>
        <Group gap="sm">
          <Select aria-label="Sort by" placeholder="Sort" w={190} allowDeselect={false} value={`${sort}:${direction}`}
            data={SORT_OPTIONS} onChange={(v) => {
              if (!v) return;
              const [s, d] = v.split(":");
              setSort(s as ContactSort);
              setDirection(d === "desc" ? "desc" : "asc");
            }} />
          <ExportMenu what="contacts" formats={["csv", "xlsx", "vcard"]} list={() => ({ list: "contacts", query: { filter, sort, direction, offset: 0, limit: null } })} />
          <Button leftSection={<IconPlus size={18} />} onClick={() => newContact()} data-testid="new-contact">
            New contact
          </Button>
        </Group>
      </Group>
      <Group gap="sm" wrap="wrap">
        <TextInput placeholder="Filter by name, e-mail, company…" leftSection={<IconSearch size={16} />} w={280}
          value={text} onChange={(e) => setText(e.currentTarget.value)} aria-label="Filter contacts"
          rightSection={text ? <CloseButton size="sm" onClick={() => setText("")} aria-label="Clear" /> : null} />
        <Select placeholder="Any stage" data={STAGE_OPTIONS} value={stage} onChange={(v) => setStage(isStage(v) ? v : null)} clearable w={170} aria-label="Stage" />
        <Select placeholder="Any source" data={leadSources.map((s) => ({ value: s.id, label: s.name }))} value={source}
          onChange={setSource} clearable searchable w={170} aria-label="Lead source" />
        <Select placeholder="Any tag" data={tags.map((t) => t.name)} value={tag} onChange={setTag} clearable searchable w={150} aria-label="Tag" />
        <Select placeholder="Any owner" data={owners} value={owner} onChange={setOwner} clearable searchable w={150} aria-label="Owner" />
        <Select placeholder="Any segment" data={(audiences.data?.segments ?? []).map((s) => ({ value: s.id, label: s.name }))} value={segment}
          onChange={setSegment} clearable searchable w={170} aria-label="Segment" data-testid="filter-segment" />
        <Select placeholder="Temperature" data={TEMPERATURES} value={temperature} onChange={(v) => setTemperature(v as Temperature | null)}
          clearable w={140} aria-label="Temperature" />
        <Select placeholder="Any tier" data={TIER_IDS.map((t) => ({ value: t, label: `Tier ${tierLetter(t)}` }))} value={tier}
          onChange={(v) => setTier(v as TierId | null)} clearable w={110} aria-label="Priority tier" data-testid="filter-tier" />
        <Select placeholder="Any persona" data={(audiences.data?.personas ?? []).map((p) => ({ value: p.id, label: p.name }))} value={persona}
          onChange={setPersona} clearable searchable w={150} aria-label="Persona" />
        <NumberInput placeholder="Score ≥" min={0} max={100} value={minScore} onChange={setMinScore} w={100} aria-label="Lowest score" />
        {companyId && (
          <Badge size="lg" variant="light" rightSection={
            <CloseButton size="xs" aria-label="Remove company filter" onClick={() => setParams({})} />
          }>
            Company: {companyName ?? "selected"}
          </Badge>
        )}
        {segment && <SegmentBulk segmentId={segment} total={paged.total} />}
      </Group>
      <TableBox>
        <VirtualTable<ContactRow, ContactSort>
          columns={contactColumns}
          total={paged.total}
          rowAt={paged.rowAt}
          ensureRange={paged.ensureRange}
          queryKey={key}
          rowKey={(r) => r.id}
          onRowClick={(r) => navigate(`/contacts/${r.id}`)}
          sort={sort}
          direction={direction}
          onSort={onSort}
          listTestId="contacts-list"
          rowTestId="contact-row"
          minWidth={1040}
          empty={
            <Stack align="center" gap={6}>
              <IconUsers size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
              <Text fw={500}>{filtered ? "No contacts match these filters" : "No contacts yet"}</Text>
              <Text size="sm" c="dimmed">
                {filtered ? "Try removing a filter." : "Add your first contact to get started."}
              </Text>
              {!filtered && (
                <Button mt="xs" variant="light" onClick={() => newContact()}>
                  Add a contact
                </Button>
              )}
            </Stack>
          }
        />
      </TableBox>
    </Stack>
  );
}
