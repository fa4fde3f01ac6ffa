// First start: load a demo business or start with an empty database.
import { useState } from "react";
import { Button, Card, Center, Group, Loader, SimpleGrid, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFlame, IconSparkles, IconSquarePlus } from "@tabler/icons-react";
import { useNavigate } from "react-router-dom";
import { commands } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";

export function Onboarding() {
  const [busy, setBusy] = useState<"demo" | "empty" | null>(null);
  const { status, setStatus, changed, setLanding } = useData();
  const navigate = useNavigate();

  const loadDemo = async () => {
    setBusy("demo");
    try {
      const summary = await call(commands.demoLoad());
      notifications.show({
        color: "teal",
        title: "Demo business loaded",
        message: `${summary.contacts} contacts, ${summary.companies} companies and ${summary.activities} activities are ready to explore.`,
      });
      setLanding("/contacts");
      if (status) {
        setStatus({ ...status, needs_onboarding: false, demo_loaded: true, contact_count: summary.contacts, company_count: summary.companies });
      }
      navigate("/contacts");
      changed();
    } catch (e) {
      notifyError(e);
      setBusy(null);
    }
  };

  const startEmpty = async () => {
    setBusy("empty");
    try {
      const s = await call(commands.startEmpty());
      setLanding("/contacts");
      setStatus(s);
      navigate("/contacts");
    } catch (e) {
      notifyError(e);
      setBusy(null);
    }
  };

  if (busy === "demo") {
    return (
      <Center h="100%">
        <Stack align="center" gap="sm">
          <Loader size="lg" />
          <Title order={3}>Setting up your demo business…</Title>
          <Text c="dimmed">Creating contacts, companies and a year and a half of activities.</Text>
        </Stack>
      </Center>
    );
  }

  return (
    <Center h="100%" p="xl" style={{ overflow: "auto" }}>
      <Stack maw={760} gap="xl" align="center">
        <ThemeIcon size={64} radius="xl" variant="light">
          <IconFlame size={38} />
        </ThemeIcon>
        <Stack gap={6} align="center">
          <Title order={1}>Welcome to Hearth</Title>
          <Text c="dimmed" ta="center" size="lg" maw={560}>
            Your customers, follow-ups and conversations in one place — stored privately on this computer.
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" w="100%">
          <Card withBorder padding="lg" radius="lg">
            <Stack h="100%" justify="space-between">
              <div>
                <Group gap="xs" mb="xs">
                  <IconSparkles size={20} color="var(--mantine-color-ember-7)" />
                  <Text fw={600}>Explore with a demo business</Text>
                </Group>
                <Text size="sm" c="dimmed">
                  A small web &amp; branding studio with hundreds of contacts, companies and months of calls, meetings and
                  tasks. Perfect for a tour.
                </Text>
              </div>
              <Button size="md" onClick={loadDemo} disabled={busy !== null} data-testid="load-demo">
                Load a demo business
              </Button>
            </Stack>
          </Card>
          <Card withBorder padding="lg" radius="lg">
            <Stack h="100%" justify="space-between">
              <div>
                <Group gap="xs" mb="xs">
                  <IconSquarePlus size={20} color="var(--mantine-color-ember-7)" />
                  <Text fw={600}>Start with your own data</Text>
                </Group>
                <Text size="sm" c="dimmed">
                  Begin with an empty address book and add your first contacts and companies yourself.
                </Text>
              </div>
              <Button size="md" variant="default" onClick={startEmpty} loading={busy === "empty"} disabled={busy !== null} data-testid="start-empty">
                Start empty
              </Button>
            </Stack>
          </Card>
        </SimpleGrid>
      </Stack>
    </Center>
  );
}
