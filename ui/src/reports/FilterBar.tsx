// The filter every report shares: the period (presets or a custom range) with the previous one in
// words, the segment, and for the pipeline funnel the pipeline.
import { useEffect, useState } from "react";
import { Group, Select, Text } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { commands, type Period, type ReportName } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { periodWords } from "./format";
import { dayOf, presetOf, presetOptions, type Filter, type Preset } from "./range";
import { pickerFormat } from "../lib/dates";

const ALL = "all";

export interface FilterBarProps {
  name: ReportName;
  defaultDays: number;
  filter: Filter;
  onChange: (f: Filter) => void;
  /** The period asked for and the one it is compared with. */
  period: Period;
  previous: Period;
}

export function FilterBar({ name, defaultDays, filter, onChange, period, previous }: FilterBarProps) {
  const { version } = useData();
  const segments = useLoad(() => call(commands.segmentsList()), [version]);
  const withPipeline = name === "pipeline";
  const pipelines = useLoad(async () => (withPipeline ? call(commands.pipelinesList()) : []), [withPipeline, version]);
  const preset = presetOf(filter, defaultDays);
  // The custom range as picked so far (a range needs both ends before it applies).
  const [picked, setPicked] = useState<[string | null, string | null]>([filter.from, filter.to]);
  useEffect(() => setPicked([filter.from, filter.to]), [filter.from, filter.to]);
  const picking = preset === "custom";

  const choosePreset = (v: string | null) => {
    if (!v) return;
    if (v === "custom") {
      // Start from the period shown, so the picker opens on familiar days.
      const last = new Date(new Date(period.to).getTime() - 1);
      onChange({ ...filter, preset: "custom", from: dayOf(new Date(period.from)), to: dayOf(last) });
      return;
    }
    // The report's own default writes nothing into the URL.
    onChange({ ...filter, preset: v === `d${defaultDays}` ? null : (v as Preset), from: null, to: null });
  };

  const segmentData = [{ value: ALL, label: "All contacts" }, ...(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))];
  const pipelineData = (pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }));

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="report-filter">
      <Select
        label="Period"
        data={presetOptions(defaultDays)}
        value={preset}
        onChange={choosePreset}
        allowDeselect={false}
        w={170}
        data-testid="report-range"
        comboboxProps={{ withinPortal: true }}
      />
      {picking && (
        <DatePickerInput
          type="range"
          label="Days"
          value={picked}
          valueFormat={pickerFormat()}
          w={250}
          allowSingleDateInRange
          data-testid="report-custom-range"
          onChange={(v) => {
            const [a, b] = v as [string | null, string | null];
            setPicked([a, b]);
            if (a && b) onChange({ ...filter, preset: "custom", from: a.slice(0, 10), to: b.slice(0, 10) });
          }}
        />
      )}
      <Select
        label="Contacts"
        data={segmentData}
        value={filter.segment ?? ALL}
        onChange={(v) => onChange({ ...filter, segment: !v || v === ALL ? null : v })}
        allowDeselect={false}
        searchable
        w={210}
        placeholder={segments.error ? "Segments could not be loaded" : undefined}
        data-testid="report-segment"
      />
      {withPipeline && (
        <Select
          label="Pipeline"
          data={pipelineData}
          value={filter.pipeline ?? pipelineData[0]?.value ?? null}
          onChange={(v) => onChange({ ...filter, pipeline: v })}
          allowDeselect={false}
          w={200}
          data-testid="report-pipeline"
        />
      )}
      <Text size="sm" c="dimmed" pb={8} data-testid="report-previous">
        {periodWords(period)}, compared with {periodWords(previous)}
      </Text>
    </Group>
  );
}
