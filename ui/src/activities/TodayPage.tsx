// Today: sequence steps due, then open tasks grouped Overdue / Today / Upcoming for the local day.
import { Anchor, Badge, Card, Center, Checkbox, Group, Loader, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { IconBuilding, IconUser } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type Activity } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate, formatTime, localDayBounds } from "../lib/dates";
import { useLoad } from "../lib/useLoad";
import { locale } from "../lib/regional";
import { DueSteps } from "../sequences/DueSteps";
import { anyCapped, countLabel, openCount, SECTION_LIMIT, todaySections } from "./today";

function TaskRow({ task, when, onDone }: { task: Activity; when: string; onDone: (a: Activity, d: boolean) => void }) {
  const done = task.completed_at !== null;
  return (
    <Group wrap="nowrap" gap="sm" py={8} px="sm" data-testid="today-task">
      <Checkbox radius="xl" checked={done} onChange={(e) => onDone(task, e.currentTarget.checked)} aria-label={`Done: ${task.subject}`} />
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={500} td={done ? "line-through" : undefined} c={done ? "dimmed" : undefined} truncate="end">
          {task.subject}
        </Text>
        <Group gap="sm">
          {task.contact && (
            <Anchor component={Link} to={`/contacts/${task.contact.id}`} size="xs">
              <Group gap={3} wrap="nowrap"><IconUser size={12} />{task.contact.name}</Group>
            </Anchor>
          )}
          {task.company && (
            <Anchor component={Link} to={`/companies/${task.company.id}`} size="xs" c="dimmed">
              <Group gap={3} wrap="nowrap"><IconBuilding size={12} />{task.company.name}</Group>
            </Anchor>
          )}
        </Group>
      </Stack>
      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>{when}</Text>
    </Group>
  );
}

export function TodayPage() {
  const { version, changed } = useData();
  const { data, error, loading, reload } = useLoad(() => call(commands.today(localDayBounds())), [version]);

  const onDone = async (a: Activity, done: boolean) => {
    try {
      await call(commands.activitySetDone(a.id, done));
      reload();
      changed();
    } catch (e) {
      notifyError(e);
    }
  };

  if (!data) {
    return (
      <Center h="100%">
        {loading ? <Loader /> : <Text c="red">{error ? "Couldn't load today's tasks." : ""}</Text>}
      </Center>
    );
  }
  const open = openCount(data);
  const today = new Date().toLocaleDateString(locale(), { weekday: "long", month: "long", day: "numeric" });

  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="lg" maw={900}>
        <div>
          <Title order={2}>Today</Title>
          <Text c="dimmed">
            {today} · {open === 0 ? "no open tasks" : `${countLabel(open, anyCapped(data))} open ${open === 1 ? "task" : "tasks"}`}
          </Text>
        </div>
        <DueSteps />
        {todaySections(data).map((s) => (
          <Card key={s.key} withBorder padding={0} data-testid={s.testId}>
            <Group justify="space-between" px="md" py="sm" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
              <Title order={4}>{s.title}</Title>
              <Badge color={s.color} variant="light">{countLabel(s.items.length, s.items.length >= SECTION_LIMIT)}</Badge>
            </Group>
            {s.items.length === 0 ? (
              <Text c="dimmed" size="sm" p="md">{s.empty}</Text>
            ) : (
              <Stack gap={0} px="xs" py={4}>
                {s.items.map((t) => (
                  <TaskRow key={t.id} task={t} onDone={onDone}
                    when={!t.due_at ? "" : s.key === "due" ? formatTime(t.due_at) : formatDate(t.due_at)} />
                ))}
              </Stack>
            )}
          </Card>
        ))}
      </Stack>
    </ScrollArea>
  );
}
