// Customers → Reviews: every review recorded, newest first, by platform, with the average.
import { useState } from "react";
import { Anchor, Center, Chip, Group, Loader, Paper, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { IconStar } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type Review } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { Stars } from "./format";
import { ReviewLink } from "./ReviewLink";
import { formatNumber } from "../lib/numbers";

/** Platforms with their counts, the most used first. */
export function platformsOf(reviews: Review[]): { name: string; count: number }[] {
  const by = new Map<string, number>();
  for (const r of reviews) by.set(r.platform, (by.get(r.platform) ?? 0) + 1);
  return [...by].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export function ReviewsPanel() {
  const { version } = useData();
  const list = useLoad(() => call(commands.reviewsList(null)), [version]);
  const [platform, setPlatform] = useState("all");
  if (!list.data) return <Center py="xl">{list.error ? <Text c="red">{errorMessage(list.error)}</Text> : <Loader />}</Center>;
  const all = list.data;
  if (all.length === 0) {
    return (
      <Stack align="center" gap={6} py="xl">
        <IconStar size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
        <Text fw={500}>No reviews yet</Text>
        <Text size="sm" c="dimmed" ta="center" maw={480}>
          Record a review on the customer's page (Reviews → Add review). A high survey score can create a task to ask for one (Settings → Surveys).
        </Text>
      </Stack>
    );
  }
  const rows = platform === "all" ? all : all.filter((r) => r.platform === platform);
  const average = rows.reduce((s, r) => s + r.rating, 0) / rows.length;
  const platforms = platformsOf(all);
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Paper withBorder p="md" radius="md" data-testid="reviews-average">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Average</Text>
          <Group gap="xs" align="baseline"><Text fw={700} size="xl">{average.toFixed(1)}</Text><Text size="sm" c="dimmed">of 5 stars</Text></Group>
        </Paper>
        <Paper withBorder p="md" radius="md" data-testid="reviews-count">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Reviews</Text>
          <Text fw={700} size="xl">{formatNumber(rows.length)}</Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>Five stars</Text>
          <Text fw={700} size="xl">{formatNumber(rows.filter((r) => r.rating === 5).length)}</Text>
        </Paper>
      </SimpleGrid>
      <Chip.Group value={platform} onChange={(v) => setPlatform(v as string)}>
        <Group gap={6} role="group" aria-label="Platform">
          <Chip value="all" size="sm">All {all.length}</Chip>
          {platforms.map((p) => <Chip key={p.name} value={p.name} size="sm" data-testid={`reviews-platform-${p.name}`}>{p.name} {p.count}</Chip>)}
        </Group>
      </Chip.Group>
      <Table verticalSpacing="sm" highlightOnHover data-testid="reviews-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={120}>Date</Table.Th>
            <Table.Th w={200}>Customer</Table.Th>
            <Table.Th w={120}>Platform</Table.Th>
            <Table.Th w={150}>Stars</Table.Th>
            <Table.Th>Review</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="review-row">
              <Table.Td><Text size="sm">{formatDate(r.reviewed_at)}</Text></Table.Td>
              <Table.Td>
                {r.contact ? <Anchor component={Link} to={`/contacts/${r.contact.id}`} size="sm">{r.contact.name}</Anchor> : <Text size="sm" c="dimmed">—</Text>}
              </Table.Td>
              <Table.Td><Text size="sm">{r.platform}</Text></Table.Td>
              <Table.Td><Stars rating={r.rating} /></Table.Td>
              <Table.Td>
                {r.body && <Text size="sm" lineClamp={3}>{r.body}</Text>}
                {r.link && <ReviewLink link={r.link} platform={r.platform} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
