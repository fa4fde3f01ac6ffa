// Customers → At risk: customers who may leave, with every reason in words (and an icon per
// kind), their last purchase, and how the rules decide.
import { useState } from "react";
import { Accordion, Anchor, Badge, Center, Chip, Group, List, Loader, Stack, Table, Text, ThemeIcon } from "@mantine/core";
import { IconAlertTriangle, IconCircleX, IconHeartHandshake, IconMoodSad, IconPhoneOff, IconShoppingCartOff } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type AtRisk, type LifecycleStage, type RiskKind } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate, relative } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { STAGE_LABELS } from "../lib/stages";
import { useLoad } from "../lib/useLoad";

export const RISK_KINDS: RiskKind[] = ["overdue_purchase", "cancelled", "unhappy", "breaching_tickets", "out_of_touch"];
export const RISK_LABELS: Record<RiskKind, string> = {
  overdue_purchase: "Overdue purchase",
  cancelled: "Cancelled",
  unhappy: "Unhappy",
  breaching_tickets: "Late tickets",
  out_of_touch: "Out of touch",
};
const RISK_ICONS: Record<RiskKind, typeof IconMoodSad> = {
  overdue_purchase: IconShoppingCartOff,
  cancelled: IconCircleX,
  unhappy: IconMoodSad,
  breaching_tickets: IconAlertTriangle,
  out_of_touch: IconPhoneOff,
};
const RISK_COLORS: Record<RiskKind, string> = { overdue_purchase: "orange", cancelled: "red", unhappy: "grape", breaching_tickets: "red", out_of_touch: "yellow" };

export function RiskIcon({ kind }: { kind: RiskKind }) {
  const Icon = RISK_ICONS[kind];
  return (
    <ThemeIcon size="sm" variant="light" color={RISK_COLORS[kind]} aria-label={RISK_LABELS[kind]} role="img">
      <Icon size={14} />
    </ThemeIcon>
  );
}

function Rules() {
  return (
    <Accordion variant="contained" data-testid="at-risk-rules">
      <Accordion.Item value="rules">
        <Accordion.Control>How a customer comes to be at risk</Accordion.Control>
        <Accordion.Panel>
          <Text size="sm" mb="xs">A customer or loyal customer is listed when any of these holds today:</Text>
          <List size="sm" spacing={4}>
            <List.Item icon={<RiskIcon kind="overdue_purchase" />}>
              <b>Overdue purchase</b>: two orders or more, no active subscription, and nothing bought for more than 1.5 × their usual
              interval (the mean gap between their first and last order, at least 7 days).
            </List.Item>
            <List.Item icon={<RiskIcon kind="cancelled" />}><b>Cancelled</b>: a subscription cancelled in the last 90 days.</List.Item>
            <List.Item icon={<RiskIcon kind="unhappy" />}><b>Unhappy</b>: their latest NPS in the last 180 days is 0–6, or their latest CSAT 1–2.</List.Item>
            <List.Item icon={<RiskIcon kind="breaching_tickets" />}><b>Late tickets</b>: an open ticket past its first-response or resolution target.</List.Item>
            <List.Item icon={<RiskIcon kind="out_of_touch" />}>
              <b>Out of touch</b>: their stay-in-touch rhythm was missed (no call, e-mail or meeting for longer than it).
            </List.Item>
          </List>
          <Text size="xs" c="dimmed" mt="xs">The most reasons first, then the longest without a purchase.</Text>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

const stageLabel = (s: string) => STAGE_LABELS[s as LifecycleStage] ?? s;

export function AtRiskPanel() {
  const { version } = useData();
  const list = useLoad(() => call(commands.atRiskList()), [version]);
  const [kinds, setKinds] = useState<RiskKind[]>([]);
  const all: AtRisk[] = list.data ?? [];
  const count = (k: RiskKind) => all.filter((a) => a.reasons.some((r) => r.kind === k)).length;
  const rows = kinds.length ? all.filter((a) => a.reasons.some((r) => kinds.includes(r.kind))) : all;

  return (
    <Stack>
      <Rules />
      {!list.data ? (
        <Center py="xl">{list.error ? <Text c="red">{errorMessage(list.error)}</Text> : <Loader />}</Center>
      ) : all.length === 0 ? (
        <Stack align="center" gap={6} py="xl">
          <IconHeartHandshake size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
          <Text fw={500}>No customer at risk</Text>
          <Text size="sm" c="dimmed" ta="center" maw={460}>No overdue purchases, cancellations, low scores, late tickets or missed rhythms right now.</Text>
        </Stack>
      ) : (
        <>
          <Chip.Group multiple value={kinds} onChange={(v) => setKinds(v as RiskKind[])}>
            <Group gap={6} role="group" aria-label="Only customers with these reasons">
              {RISK_KINDS.filter((k) => count(k) > 0).map((k) => (
                <Chip key={k} value={k} size="sm" data-testid={`at-risk-filter-${k}`}>{RISK_LABELS[k]} {count(k)}</Chip>
              ))}
            </Group>
          </Chip.Group>
          <Table verticalSpacing="sm" highlightOnHover data-testid="at-risk-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={240}>Customer</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th w={160}>Last purchase</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.contact.id} data-testid="at-risk-row">
                  <Table.Td style={{ verticalAlign: "top" }}>
                    <Anchor component={Link} to={`/contacts/${a.contact.id}`} size="sm" fw={500}>{a.contact.name}</Anchor>
                    <div><Badge variant="light" color="gray" tt="none" size="sm">{stageLabel(a.lifecycle_stage)}</Badge></div>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      {a.reasons.map((r, i) => (
                        <Group key={i} gap={6} wrap="nowrap" align="flex-start" data-testid="at-risk-reason" data-kind={r.kind}>
                          <RiskIcon kind={r.kind} />
                          <Text size="sm">{r.text}</Text>
                        </Group>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: "top" }}>
                    {a.last_order_at ? (
                      <>
                        <Text size="sm">{formatDate(a.last_order_at)}</Text>
                        <Text size="xs" c="dimmed">{relative(a.last_order_at)}</Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">No orders</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
