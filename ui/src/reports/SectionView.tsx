// One section of a report: its chart, and under it the table behind the chart (a cell with
// records behind it opens them); "Save chart as PNG…" in its menu.
import { useRef } from "react";
import { ActionIcon, Group, Menu, Paper, Stack, Table, Text, Title, Tooltip, UnstyledButton } from "@mantine/core";
import { IconDots, IconPhoto } from "@tabler/icons-react";
import type { Drill, Section } from "../bindings";
import { Chart, type ChartHandle } from "./Chart";
import { hasChart } from "./chartOption";
import { EmptyState } from "./EmptyState";
import { saveChartPng } from "./exportReport";
import { formatValue } from "./format";

export interface SectionViewProps {
  section: Section;
  /** The file name "Save chart as PNG…" suggests. */
  pngName: string;
  onDrill: (drill: Drill, title: string) => void;
}

function SectionTable({ section, onDrill }: Omit<SectionViewProps, "pngName">) {
  return (
    <Table.ScrollContainer minWidth={Math.max(360, 140 + 96 * section.columns.length)} maxHeight={420} type="native">
      <Table stickyHeader striped highlightOnHover verticalSpacing={6} fz="sm" data-testid={`table-${section.key}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {section.columns.map((c) => (
              <Table.Th key={c.key} ta="right" data-testid={`column-${section.key}-${c.key}`}>
                <Tooltip label={c.definition} multiline w={280} withArrow disabled={!c.definition}>
                  <Text span size="sm" fw={600} style={{ cursor: c.definition ? "help" : undefined, borderBottom: c.definition ? "1px dotted" : undefined }}>
                    {c.label}
                  </Text>
                </Tooltip>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {section.rows.map((r) => (
            <Table.Tr key={r.key} data-testid={`row-${section.key}-${r.key}`}>
              <Table.Td fw={500}>{r.label}</Table.Td>
              {section.columns.map((c, i) => {
                const text = formatValue(r.cells[i], c.unit, r.currency);
                const drill = r.drills[i] ?? null;
                const testId = `cell-${section.key}-${r.key}-${c.key}`;
                if (!drill) {
                  return <Table.Td key={c.key} ta="right" style={{ fontVariantNumeric: "tabular-nums" }} data-testid={testId}>{text}</Table.Td>;
                }
                // The whole cell opens the records (the button inside is there for the keyboard).
                return (
                  <Table.Td key={c.key} ta="right" style={{ fontVariantNumeric: "tabular-nums", cursor: "pointer" }} data-testid={testId}
                    onClick={() => onDrill(drill, `${r.label} · ${c.label}`)}>
                    <UnstyledButton c="var(--mantine-primary-color-filled)" fz="sm" td="underline" aria-label={`${text}: show the records behind it`}>
                      {text}
                    </UnstyledButton>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function SectionView({ section, pngName, onDrill }: SectionViewProps) {
  const chart = useRef<ChartHandle>(null);
  const drawn = hasChart(section);
  const empty = section.empty !== null || section.rows.length === 0;
  return (
    <Paper withBorder p="md" radius="md" data-testid={`section-${section.key}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>{section.title}</Title>
          {drawn && !empty && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`More for ${section.title}`} data-testid={`section-menu-${section.key}`}>
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPhoto size={16} />} data-testid={`save-png-${section.key}`}
                  onClick={() => void saveChartPng(pngName, () => chart.current?.dataUrl() ?? null)}>
                  Save chart as PNG…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        {empty ? (
          <EmptyState text={section.empty ?? ""} testId={`section-empty-${section.key}`} />
        ) : (
          <>
            {drawn && <Chart section={section} handle={chart} />}
            <SectionTable section={section} onDrill={onDrill} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
