// Shown instead of the app when the database cannot be used: damaged (offer the newest good
// snapshot), written by a newer Hearth, or already open in another Hearth window.
import { Button, Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import type { CoreError } from "../bindings";
import { commands } from "../bindings";
import { call } from "../lib/api";
import { formatDateTime } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { askRestore } from "./BackupsPage";
import { describeCounts } from "./format";

const TITLES = {
  damaged: "Your database is damaged",
  newer: "This data belongs to a newer Hearth",
  in_use: "Hearth is already open",
} as const;

function NewestSnapshot({ onRestored }: { onRestored: () => void }) {
  const good = useLoad(() => call(commands.backupNewestGood()), []);
  if (good.loading) {
    return (
      <Group gap="xs">
        <Loader size="sm" />
        <Text size="sm">Looking for the newest good snapshot…</Text>
      </Group>
    );
  }
  const s = good.data;
  if (!s) {
    return <Text size="sm" c="red">Hearth found no usable snapshot. Keep the damaged file; a data-recovery tool may still read it.</Text>;
  }
  return (
    <Card withBorder padding="md" data-testid="newest-good-snapshot">
      <Stack gap="xs">
        <Text fw={500}>Newest good snapshot: {formatDateTime(s.taken_at)}</Text>
        <Text size="sm" c="dimmed">{describeCounts(s)}</Text>
        <Button onClick={() => askRestore(s, onRestored)} data-testid="restore-newest">Restore this snapshot</Button>
      </Stack>
    </Card>
  );
}

export function DatabaseProblem({ error, onRetry }: { error: CoreError & { kind: "database" }; onRetry: () => void }) {
  return (
    <Center h="100%">
      <Stack maw={560} gap="md" data-testid={`database-problem-${error.problem}`}>
        <Title order={3}>{TITLES[error.problem]}</Title>
        <Text>{errorMessage(error)}</Text>
        {error.problem === "damaged" && (
          <>
            <Text size="sm" c="dimmed">
              Hearth has changed nothing in the damaged file. Restoring keeps it aside, untouched, next to your data.
            </Text>
            <NewestSnapshot onRestored={onRetry} />
          </>
        )}
        <Group>
          <Button variant="default" onClick={onRetry}>Try again</Button>
        </Group>
      </Stack>
    </Center>
  );
}
