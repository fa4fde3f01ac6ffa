// The key figures of a report as cards: the value in its unit, the change against the previous
// period (green when it is good news), the definition on the info icon; a figure with records
// behind it opens them on click.
import type { KeyboardEvent } from "react";
import { Group, Paper, SimpleGrid, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import type { Drill, Figure } from "../bindings";
import { deltaOf, formatValue } from "./format";

export function FigureCard({ figure, onDrill }: { figure: Figure; onDrill: (drill: Drill, title: string) => void }) {
  const delta = deltaOf(figure);
  const drill = figure.drill;
  const defId = `figure-def-${figure.key}`;
  const open = drill ? () => onDrill(drill, figure.label) : undefined;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid={`figure-${figure.key}`}
      aria-describedby={defId}
      {...(open
        ? {
            role: "button",
            tabIndex: 0,
            onClick: open,
            onKeyDown: (e: KeyboardEvent) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                open();
              }
            },
            style: { cursor: "pointer" },
            title: "Show the records behind this number",
          }
        : {})}
    >
      <Group gap={4} wrap="nowrap" justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" fw={500} lh={1.3}>{figure.label}</Text>
        <Tooltip label={figure.definition} multiline w={300} withArrow position="top-end">
          <Text span c="dimmed" lh={1} data-testid={`figure-info-${figure.key}`} style={{ cursor: "help" }} onClick={(e) => e.stopPropagation()}>
            <IconInfoCircle size={16} aria-hidden />
          </Text>
        </Tooltip>
      </Group>
      <VisuallyHidden id={defId}>{figure.definition}</VisuallyHidden>
      <Text fz={28} fw={650} mt={4} lh={1.2} data-testid={`figure-value-${figure.key}`}>
        {formatValue(figure.value, figure.unit, figure.currency)}
      </Text>
      <Group gap={6} mt={4} wrap="nowrap">
        {delta.text ? (
          <Text size="xs" fw={600} c={delta.color === "gray" ? "dimmed" : delta.color} data-testid={`figure-delta-${figure.key}`} data-direction={delta.direction}>
            {delta.text}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {figure.previous === null ? "nothing to compare with" : `vs ${formatValue(figure.previous, figure.unit, figure.currency)}`}
        </Text>
      </Group>
    </Paper>
  );
}

export function FigureCards({ figures, onDrill }: { figures: Figure[]; onDrill: (drill: Drill, title: string) => void }) {
  if (figures.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="md" data-testid="figures">
      {figures.map((f) => (
        <FigureCard key={f.key} figure={f} onDrill={onDrill} />
      ))}
    </SimpleGrid>
  );
}
