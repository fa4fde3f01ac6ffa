// The icon of each kind of sequence step, in a small coloured circle.
import { ThemeIcon } from "@mantine/core";
import { IconChecklist, IconHourglass, IconMail, IconPhone, type Icon } from "@tabler/icons-react";
import type { StepKind } from "../bindings";
import { STEP_KIND_COLORS, STEP_KIND_LABELS } from "./format";

export const STEP_ICONS: Record<StepKind, Icon> = {
  email: IconMail,
  call: IconPhone,
  task: IconChecklist,
  wait: IconHourglass,
};

export function StepIcon({ kind, size = 28 }: { kind: StepKind; size?: number }) {
  const Icon = STEP_ICONS[kind];
  return (
    <ThemeIcon variant="light" radius="xl" size={size} color={STEP_KIND_COLORS[kind]} aria-label={STEP_KIND_LABELS[kind]} role="img">
      <Icon size={Math.round(size * 0.6)} stroke={1.6} />
    </ThemeIcon>
  );
}
