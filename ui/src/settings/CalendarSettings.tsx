// Settings → Calendar: the .ics file Hearth keeps up to date with follow-ups and meetings (to
// subscribe to in a calendar app), and a one-off export.
import { ActionIcon, Button, Card, Code, CopyButton, Group, Stack, Text, Title, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCalendarShare, IconCheck, IconCopy } from "@tabler/icons-react";
import { commands } from "../bindings";
import { call, notifyError } from "../lib/api";
import { pickSavePath } from "../import/files";
import { useLoad } from "../lib/useLoad";
import { formatNumber } from "../lib/numbers";

export async function exportCalendar(): Promise<void> {
  try {
    const path = await pickSavePath("hearth-calendar.ics");
    if (!path) return;
    const n = await call(commands.calendarExport(path));
    notifications.show({ color: "green", title: "Calendar exported", message: `${formatNumber(n)} ${n === 1 ? "event" : "events"} in ${path}` });
  } catch (e) {
    notifyError(e);
  }
}

export function CalendarSettings() {
  const feed = useLoad(() => commands.calendarFeedPath(), []);
  return (
    <Card withBorder padding="lg" data-testid="calendar-settings">
      <Title order={4}>Calendar</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Hearth keeps a calendar file with your follow-ups, tasks and meetings up to date. Add this file to your calendar app as a
        subscription (in most apps: “Add calendar” → “From file” or “Subscribe”) to see them next to everything else.
      </Text>
      <Stack gap="sm">
        {feed.data && (
          <Group gap="xs" wrap="nowrap">
            <Code style={{ flex: 1, overflowWrap: "anywhere" }} data-testid="calendar-feed-path">{feed.data}</Code>
            <CopyButton value={feed.data}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? "Copied" : "Copy the path"}>
                  <ActionIcon variant="subtle" color={copied ? "teal" : "gray"} onClick={copy} aria-label="Copy the calendar file's path">
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        )}
        {feed.error !== null && !feed.data && <Text size="sm" c="red">The calendar file's place could not be read.</Text>}
        <Group>
          <Button variant="default" leftSection={<IconCalendarShare size={16} />} onClick={exportCalendar} data-testid="calendar-export">
            Export .ics…
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
