// Customers → Referrals: who referred whom, how many became customers, the revenue they
// brought, and the rewards owed or given.
import { useState } from "react";
import { Anchor, Badge, Button, Card, Center, Group, Loader, Paper, SimpleGrid, Stack, Switch, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCircleCheck, IconCircleDashed, IconGift, IconPlus, IconUsersGroup } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type LifecycleStage, type Referrer, type Reward } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { STAGE_COLORS, STAGE_LABELS } from "../lib/stages";
import { useLoad } from "../lib/useLoad";
import { addAmounts, amounts } from "./format";
import { RewardModal } from "./RewardModal";
import { formatNumber } from "../lib/numbers";

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={700} size="xl">{value}</Text>
      {detail && <Text size="xs" c="dimmed">{detail}</Text>}
    </Paper>
  );
}

function RewardRow({ reward, onToggle }: { reward: Reward; onToggle: (r: Reward, given: boolean) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const given = reward.status === "given";
  return (
    <Group justify="space-between" wrap="nowrap" data-testid="reward">
      <div>
        <Text size="sm">{reward.reward}</Text>
        {reward.referred && <Text size="xs" c="dimmed">for referring {reward.referred.name}</Text>}
      </div>
      <Group gap="xs" wrap="nowrap">
        <Badge variant="light" color={given ? "teal" : "orange"} tt="none" data-testid="reward-status">
          {given ? `Given${reward.given_at ? ` ${formatDate(reward.given_at)}` : ""}` : "Owed"}
        </Badge>
        <Switch aria-label={`Given: ${reward.reward}`} checked={given} disabled={busy} data-testid="reward-given"
          onChange={async (e) => {
            const next = e.currentTarget.checked;
            setBusy(true);
            await onToggle(reward, next);
            setBusy(false);
          }} />
      </Group>
    </Group>
  );
}

function ReferrerCard({ r, onToggle, onAdd }: { r: Referrer; onToggle: (w: Reward, given: boolean) => Promise<void>; onAdd: () => void }) {
  return (
    <Card withBorder padding="md" data-testid="referrer">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Anchor component={Link} to={`/contacts/${r.contact.id}`} fw={600}>{r.contact.name}</Anchor>
          <Text size="sm" data-testid="referrer-converted">{r.became_customers} of {r.referred.length} became customers</Text>
        </div>
        <Stack gap={0} align="flex-end">
          <Text size="sm" fw={600} data-testid="referrer-revenue">{amounts(r.revenue)}</Text>
          <Text size="xs" c="dimmed">revenue from their referrals</Text>
        </Stack>
      </Group>
      <Table verticalSpacing={4} withRowBorders={false}>
        <Table.Tbody>
          {r.referred.map((p) => (
            <Table.Tr key={p.contact.id} data-testid="referred">
              <Table.Td><Anchor component={Link} to={`/contacts/${p.contact.id}`} size="sm">{p.contact.name}</Anchor></Table.Td>
              <Table.Td>
                <Badge variant="light" size="sm" tt="none" color={STAGE_COLORS[p.lifecycle_stage as LifecycleStage] ?? "gray"}>
                  {STAGE_LABELS[p.lifecycle_stage as LifecycleStage] ?? p.lifecycle_stage}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {p.customer ? <IconCircleCheck size={14} color="var(--mantine-color-teal-7)" aria-hidden /> : <IconCircleDashed size={14} aria-hidden />}
                  <Text size="xs">{p.customer ? "Became a customer" : "Not a customer yet"}</Text>
                </Group>
              </Table.Td>
              <Table.Td ta="right"><Text size="xs">{amounts(p.revenue)}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={6} mt="sm">
        <Group justify="space-between">
          <Group gap={4}><IconGift size={14} aria-hidden /><Text size="xs" fw={600} c="dimmed" tt="uppercase">Rewards</Text></Group>
          <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={onAdd} data-testid="reward-add">Add reward</Button>
        </Group>
        {r.rewards.length === 0 && <Text size="xs" c="dimmed">None yet.</Text>}
        {r.rewards.map((w) => <RewardRow key={w.id} reward={w} onToggle={onToggle} />)}
      </Stack>
    </Card>
  );
}

export function ReferralsPanel() {
  const { version, changed } = useData();
  const list = useLoad(() => call(commands.referrersList()), [version]);
  const [adding, setAdding] = useState<Referrer | null>(null);

  const toggle = async (w: Reward, given: boolean) => {
    try {
      await call(commands.rewardSetGiven(w.id, given));
      notifications.show({ color: "green", title: given ? "Reward given" : "Reward owed again", message: w.reward });
      changed();
    } catch (e) {
      notifyError(e);
    }
  };

  if (!list.data) return <Center py="xl">{list.error ? <Text c="red">{errorMessage(list.error)}</Text> : <Loader />}</Center>;
  const all = list.data;
  if (all.length === 0) {
    return (
      <Stack align="center" gap={6} py="xl">
        <IconUsersGroup size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
        <Text fw={500}>No referrals yet</Text>
        <Text size="sm" c="dimmed" ta="center" maw={480}>
          When a new contact came through someone you know, choose a referral lead source and “Referred by” on their page: they appear here
          with the customers and revenue each person brought you.
        </Text>
      </Stack>
    );
  }
  const referrals = all.reduce((n, r) => n + r.referred.length, 0);
  const customers = all.reduce((n, r) => n + r.became_customers, 0);
  const owed = all.reduce((n, r) => n + r.rewards.filter((w) => w.status !== "given").length, 0);
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat testId="referrals-total" label="Referrals" value={formatNumber(referrals)} detail={`from ${all.length} ${all.length === 1 ? "person" : "people"}`} />
        <Stat testId="referrals-customers" label="Became customers" value={formatNumber(customers)}
          detail={referrals ? `${Math.round((customers / referrals) * 100)}% of referrals` : undefined} />
        <Stat testId="referrals-revenue" label="Revenue from referrals" value={amounts(addAmounts(all.map((r) => r.revenue)))} />
        <Stat testId="referrals-owed" label="Rewards owed" value={formatNumber(owed)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {all.map((r) => <ReferrerCard key={r.contact.id} r={r} onToggle={toggle} onAdd={() => setAdding(r)} />)}
      </SimpleGrid>
      {adding && (
        <RewardModal referrer={adding} onClose={() => setAdding(null)} onSaved={() => {
          notifications.show({ color: "green", title: "Reward added", message: `Owed to ${adding.contact.name}` });
          setAdding(null);
          changed();
        }} />
      )}
    </Stack>
  );
}
