// The pipeline: a board (or a list) of one pipeline's deals, with filters and search.
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, CloseButton, Group, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import dayjs from "dayjs";
import { useDebouncedValue, useLocalStorage } from "@mantine/hooks";
import { IconLayoutKanban, IconList, IconPlus, IconSearch } from "@tabler/icons-react";
import { useNavigate } from "react-router-dom";
import { commands, type DealCard, type DealFilter } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { useLookups } from "../lib/lookups";
import { useLoad } from "../lib/useLoad";
import { BoardView } from "./BoardView";
import { DealFormModal } from "./DealFormModal";
import { DealsList } from "./DealsList";
import { ExportMenu } from "../export/ExportMenu";
import { useIntent } from "../app/intents";
import { formatNumber } from "../lib/numbers";
import { pickerFormat } from "../lib/dates";

const toDate = (v: string | null) => (v ? v.slice(0, 10) : null);

export function DealsPage() {
  const navigate = useNavigate();
  const { version, changed } = useData();
  const { tags, owners } = useLookups();
  const pipelines = useLoad(() => call(commands.pipelinesList()), [version]);
  const [pipelineId, setPipelineId] = useLocalStorage<string | null>({ key: "hearth-pipeline", defaultValue: null });
  const [view, setView] = useLocalStorage<string>({ key: "hearth-deals-view", defaultValue: "board" });
  const [text, setText] = useState("");
  const [debounced] = useDebouncedValue(text, 250);
  const [owner, setOwner] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [attention, setAttention] = useState(false);
  const [creating, setCreating] = useState(false);
  const startCreating = useCallback(() => setCreating(true), []);
  const [listTotal, setListTotal] = useState<number | null>(null);

  const list = pipelines.data ?? [];
  const current = list.find((p) => p.id === pipelineId) ?? list[0] ?? null;
  useIntent("new-deal", current !== null, startCreating);
  useEffect(() => {
    if (current && current.id !== pipelineId) setPipelineId(current.id);
  }, [current, pipelineId, setPipelineId]);

  const filter: DealFilter = useMemo(() => ({
    text: debounced.trim() || null, owner, tag, close_from: toDate(range[0]), close_to: toDate(range[1]),
    attention_only: attention, status: null, company_id: null, contact_id: null,
  }), [debounced, owner, tag, range, attention]);
  const open = useCallback((c: DealCard) => navigate(`/deals/${c.id}`), [navigate]);
  const filtered = !!(filter.text || owner || tag || range[0] || range[1] || attention);
  const openCount = current?.stages.filter((s) => s.kind === "open").reduce((n, s) => n + s.deal_count, 0) ?? 0;

  return (
    <Stack h="100%" p="lg" gap="md" style={{ minHeight: 0 }}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="sm" align="center">
            <Title order={2}>Pipeline</Title>
            {list.length > 1 && (
              <Select aria-label="Pipeline" data={list.map((p) => ({ value: p.id, label: p.name }))} value={current?.id ?? null}
                onChange={(v) => v && setPipelineId(v)} allowDeselect={false} w={200} data-testid="pipeline-select" />
            )}
          </Group>
          <Text size="sm" c="dimmed" data-testid="deals-summary">
            {current ? `${formatNumber(openCount)} open ${openCount === 1 ? "deal" : "deals"}${view === "list" && listTotal !== null ? ` · ${formatNumber(listTotal)} listed` : ""}` : "Loading…"}
          </Text>
        </div>
        <Group gap="sm">
          <SegmentedControl value={view} onChange={setView} data-testid="deals-view" data={[
            { value: "board", label: <Group gap={4} wrap="nowrap"><IconLayoutKanban size={16} />Board</Group> },
            { value: "list", label: <Group gap={4} wrap="nowrap"><IconList size={16} />List</Group> },
          ]} />
          <ExportMenu what="deals" list={() => ({ list: "deals", query: { pipeline_id: current?.id ?? null, filter, sort: "updated", direction: "desc", offset: 0, limit: null } })} />
          <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-deal" disabled={!current}>
            New deal
          </Button>
        </Group>
      </Group>
      <Group gap="sm">
        <TextInput placeholder="Search deals or companies…" leftSection={<IconSearch size={16} />} w={250} value={text}
          onChange={(e) => setText(e.currentTarget.value)} aria-label="Search deals" data-testid="deals-search"
          rightSection={text ? <CloseButton size="sm" onClick={() => setText("")} aria-label="Clear" /> : null} />
        <Select placeholder="Any owner" data={owners} value={owner} onChange={setOwner} clearable searchable w={150} aria-label="Owner" />
        <Select placeholder="Any tag" data={tags.map((t) => t.name)} value={tag} onChange={setTag} clearable searchable w={140} aria-label="Tag" />
        <DatePickerInput type="range" placeholder="Expected close: any time" value={range} onChange={(v) => setRange(v as [string | null, string | null])}
          clearable w={250} valueFormat={pickerFormat()}
          // The name holds the visible text (the chosen dates or the placeholder), as WCAG 2.5.3 asks.
          aria-label={`Expected close: ${range[0] ? range.filter(Boolean).map((d) => dayjs(d).format("D MMM YYYY")).join(" – ") : "any time"}`} />
        <Switch label="Needs attention" checked={attention} onChange={(e) => setAttention(e.currentTarget.checked)} data-testid="attention-only" />
        {filtered && <Text size="xs" c="dimmed">Filtered: counts and totals show matching deals only</Text>}
      </Group>
      <div style={{ flex: 1, minHeight: 0, position: "relative" }}>
        {current && (view === "list"
          ? <DealsList pipelineId={current.id} filter={filter} reloadKey={version} onOpen={open} onTotal={setListTotal} />
          : <BoardView pipelineId={current.id} filter={filter} reloadKey={version} onOpen={open} />)}
      </div>
      {creating && current && (
        <DealFormModal pipelineId={current.id} onClose={() => setCreating(false)} onSaved={(d) => {
          setCreating(false);
          changed();
          navigate(`/deals/${d.id}`);
        }} />
      )}
    </Stack>
  );
}
