// "Nothing to show yet", with the words the report gives on what data it needs.
import { Stack, Text, ThemeIcon } from "@mantine/core";
import { IconChartBar } from "@tabler/icons-react";

export function EmptyState({ text, title = "Nothing to show yet", testId }: { text: string; title?: string; testId?: string }) {
  return (
    <Stack align="center" gap={6} py="xl" data-testid={testId}>
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconChartBar size={26} stroke={1.4} />
      </ThemeIcon>
      <Text fw={500}>{title}</Text>
      <Text size="sm" c="dimmed" ta="center" maw={520}>{text || "There is no data for this period."}</Text>
    </Stack>
  );
}
