import type { ActivityKind, LifecycleStage, SizeBand } from "../bindings";

export const STAGES: LifecycleStage[] = ["reach", "acquisition", "conversion", "retention", "loyalty"];

export const STAGE_LABELS: Record<LifecycleStage, string> = {
  reach: "New lead",
  acquisition: "Engaged lead",
  conversion: "Opportunity",
  retention: "Customer",
  loyalty: "Loyal customer",
};

export const STAGE_COLORS: Record<LifecycleStage, string> = {
  reach: "blue",
  acquisition: "cyan",
  conversion: "violet",
  retention: "teal",
  loyalty: "orange",
};

export const STAGE_OPTIONS = STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));

export const SIZE_BANDS: SizeBand[] = ["1", "2-10", "11-50", "51-200", "201-1000", "1000+"];
export const SIZE_LABELS: Record<SizeBand, string> = {
  "1": "Just one person",
  "2-10": "2–10 people",
  "11-50": "11–50 people",
  "51-200": "51–200 people",
  "201-1000": "201–1,000 people",
  "1000+": "Over 1,000 people",
};
export const SIZE_OPTIONS = SIZE_BANDS.map((s) => ({ value: s, label: SIZE_LABELS[s] }));

export const KIND_LABELS: Record<ActivityKind, string> = {
  call: "Call",
  email: "E-mail",
  meeting: "Meeting",
  note: "Note",
  task: "Task",
};

export function isStage(v: string | null): v is LifecycleStage {
  return v !== null && (STAGES as string[]).includes(v);
}
export function isSizeBand(v: string | null): v is SizeBand {
  return v !== null && (SIZE_BANDS as string[]).includes(v);
}
