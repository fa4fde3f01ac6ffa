import { Badge } from "@mantine/core";
import type { LifecycleStage } from "../bindings";
import { STAGE_COLORS, STAGE_LABELS } from "../lib/stages";

export function StageBadge({ stage, size = "sm" }: { stage: LifecycleStage; size?: "xs" | "sm" | "md" | "lg" }) {
  return (
    <Badge color={STAGE_COLORS[stage]} variant="light" size={size} tt="none" fw={600}>
      {STAGE_LABELS[stage]}
    </Badge>
  );
}
