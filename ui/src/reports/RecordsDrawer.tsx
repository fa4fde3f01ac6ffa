// "Which records are behind this number": the contacts, deals, orders, tickets or activities a
// figure or cell counted (the first 500, with the total), each leading to its record.
import { useState } from "react";
import { Alert, Anchor, Drawer, Skeleton, Stack, Text, UnstyledButton } from "@mantine/core";
import { Link } from "react-router-dom";
import { commands, type Drill, type DrillKind, type DrillRecord, type ReportName, type ReportParams } from "../bindings";
import { call } from "../lib/api";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { OrderDrawer } from "../orders/OrderDrawer";
import { formatNumber } from "../lib/numbers";

const NOUNS: Record<DrillKind, [string, string]> = {
  contacts: ["contact", "contacts"],
  deals: ["deal", "deals"],
  orders: ["order", "orders"],
  tickets: ["ticket", "tickets"],
  activities: ["activity", "activities"],
};

/** "1 contact", "31 deals". */
export function countWords(n: number, kind: DrillKind): string {
  return `${formatNumber(n)} ${NOUNS[kind][n === 1 ? 0 : 1]}`;
}

/** Where a record opens: contacts, deals and tickets have their own page; orders open in their drawer. */
export function recordPath(kind: DrillKind, id: string): string | null {
  if (kind === "contacts") return `/contacts/${id}`;
  if (kind === "deals") return `/deals/${id}`;
  if (kind === "tickets") return `/tickets/${id}`;
  return null;
}

function RecordItem({ kind, record, onOrder }: { kind: DrillKind; record: DrillRecord; onOrder: (id: string) => void }) {
  const path = recordPath(kind, record.id);
  const label = path ? (
    <Anchor component={Link} to={path} fw={500} size="sm">{record.label}</Anchor>
  ) : kind === "orders" ? (
    <UnstyledButton onClick={() => onOrder(record.id)} fw={500} fz="sm" c="var(--mantine-primary-color-filled)">{record.label}</UnstyledButton>
  ) : (
    <Text fw={500} size="sm">{record.label}</Text>
  );
  return (
    <Stack gap={0} py={6} data-testid={`record-${record.id}`} style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
      {label}
      {record.detail && <Text size="xs" c="dimmed">{record.detail}</Text>}
    </Stack>
  );
}

export interface RecordsDrawerProps {
  name: ReportName;
  params: ReportParams;
  /** The number's records; null: the drawer is closed. */
  drill: Drill | null;
  /** What the number is ("Win rate", "Mar 2026 · Reached"). */
  title: string;
  onClose: () => void;
}

export function RecordsDrawer({ name, params, drill, title, onClose }: RecordsDrawerProps) {
  const key = drill?.key ?? null;
  const list = useLoad(
    async () => (key === null ? null : { key, records: await call(commands.reportRecords(name, params, key)) }),
    [name, params.from, params.to, params.segment_id, params.pipeline_id, key],
  );
  const [orderId, setOrderId] = useState<string | null>(null);
  const data = list.data && list.data.key === key ? list.data.records : null;
  return (
    <>
      <Drawer opened={drill !== null} onClose={onClose} position="right" size="md" title={title} data-testid="records-drawer">
        {list.error && !data ? (
          <Alert color="red" title="The records could not be listed">{errorMessage(list.error)}</Alert>
        ) : !data ? (
          <Stack gap="xs">
            {[0, 1, 2, 3, 4].map((i) => <Skeleton key={i} h={36} />)}
          </Stack>
        ) : (
          <Stack gap="xs">
            <Text size="sm" c="dimmed" data-testid="records-count">
              {countWords(data.total, data.kind)}
              {data.total > data.records.length ? ` (showing the first ${formatNumber(data.records.length)})` : ""}
            </Text>
            {data.records.length === 0 ? (
              <Text size="sm">No records are behind this number.</Text>
            ) : (
              <Stack gap={0}>
                {data.records.map((r) => <RecordItem key={r.id} kind={data.kind} record={r} onOrder={setOrderId} />)}
              </Stack>
            )}
          </Stack>
        )}
      </Drawer>
      <OrderDrawer orderId={orderId} onClose={() => setOrderId(null)} />
    </>
  );
}
