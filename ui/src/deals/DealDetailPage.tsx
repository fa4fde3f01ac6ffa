// One deal: its stage path (click to move), won/lost/reopen, key figures, people, line items,
// stage history and timeline.
import { useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Center, Grid, Group, Loader, Menu, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconPencil, IconRotate, IconThumbDown, IconTrash, IconTrophy } from "@tabler/icons-react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { commands, type DealDetail, type Stage } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { RecordHistory } from "../history/RecordHistory";
import { formatDate, formatDateTime, relative } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { formatMoney } from "../lib/money";
import { notifyDeleted } from "../lib/undo";
import { useLoad } from "../lib/useLoad";
import { Timeline } from "../activities/Timeline";
import { DealFormModal } from "./DealFormModal";
import { LostDialog, type LostAnswer } from "./LostDialog";
import { DealOrderLink } from "./DealOrderLink";
import { moveInput } from "./dealForm";

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" fw={500} data-testid={testId}>{children}</Text>
    </div>
  );
}

export function DealDetailPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { changed, version } = useData();
  const { data: deal, error, loading, setData, reload } = useLoad(() => call(commands.dealGet(id)), [id, version]);
  const pipeline = useLoad(async () => (deal ? (await call(commands.pipelinesList())).find((p) => p.id === deal.pipeline.id) ?? null : null), [deal?.pipeline.id]);
  const [editing, setEditing] = useState(false);
  const [askLost, setAskLost] = useState(false);

  if (loading && !deal) return <Center h="100%"><Loader /></Center>;
  if (!deal) return <Center h="100%"><Alert color="red" title="This deal could not be opened">{errorMessage(error)}</Alert></Center>;
  const stages: Stage[] = pipeline.data?.stages ?? [deal.stage];

  const moveTo = async (stage: Stage, lost?: LostAnswer) => {
    try {
      const saved = await call(commands.dealMove(moveInput(deal, stage.id, lost)));
      setData(saved);
      changed();
    } catch (e) {
      notifyError(e);
      reload();
    }
  };
  const lostStage = stages.find((s) => s.kind === "lost");
  const wonStage = stages.find((s) => s.kind === "won");
  const open = deal.status === "open";
  const openStages = stages.filter((s) => s.kind === "open");

  const remove = () => confirmDanger({
    title: `Delete “${deal.title}”?`,
    body: "The deal leaves the board and lists, with its history kept. You can undo this right afterwards.",
    confirmLabel: "Delete deal",
    onConfirm: async () => {
      try {
        await call(commands.dealDelete(deal.id));
      } catch (e) {
        notifyError(e);
        return;
      }
      changed();
      navigate("/pipeline");
      notifyDeleted({
        id: `deleted-${deal.id}`, title: "Deal deleted", text: `“${deal.title}” was moved to the trash.`,
        undo: async () => {
          await call(commands.dealRestore(deal.id));
          changed();
          navigate(`/deals/${deal.id}`);
        },
      });
    },
  });

  return (
    <Stack p="lg" gap="md" data-testid="deal-detail">
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to="/pipeline" size="sm"><Group gap={4}><IconArrowLeft size={14} />Pipeline</Group></Anchor>
          <Group gap="sm" mt={4}>
            <Title order={2} data-testid="deal-title">{deal.title}</Title>
            <Badge color={deal.status === "won" ? "green" : deal.status === "lost" ? "red" : "blue"} data-testid="deal-status">
              {deal.status === "open" ? deal.stage.name : deal.status === "won" ? "Won" : "Lost"}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">{deal.pipeline.name} pipeline · created {formatDate(deal.created_at)}</Text>
        </div>
        <Group gap="xs">
          {open && wonStage && <Button color="green" leftSection={<IconTrophy size={16} />} onClick={() => void moveTo(wonStage)} data-testid="deal-won">Won</Button>}
          {open && lostStage && <Button color="red" variant="light" leftSection={<IconThumbDown size={16} />} onClick={() => setAskLost(true)} data-testid="deal-lost">Lost</Button>}
          {!open && (
            <Menu>
              <Menu.Target><Button variant="light" leftSection={<IconRotate size={16} />} data-testid="deal-reopen">Reopen</Button></Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Back to stage</Menu.Label>
                {openStages.map((s) => <Menu.Item key={s.id} onClick={() => void moveTo(s)}>{s.name}</Menu.Item>)}
              </Menu.Dropdown>
            </Menu>
          )}
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="deal-edit">Edit</Button>
          <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={remove} aria-label="Delete deal">Delete</Button>
        </Group>
      </Group>

      <Group gap={4} wrap="nowrap" data-testid="deal-stage-path">
        {openStages.map((s) => {
          const current = s.id === deal.stage.id;
          const passed = open && s.position < deal.stage.position;
          return (
            <Button key={s.id} size="xs" radius="xl" style={{ flex: 1 }} variant={current ? "filled" : passed ? "light" : "default"}
              onClick={() => !current && void moveTo(s)} aria-current={current ? "step" : undefined} title={`${s.name} · ${s.probability}%`}>
              {s.name}
            </Button>
          );
        })}
      </Group>

      {(deal.attention.rotting || deal.attention.no_next_activity) && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Needs attention" data-testid="deal-attention-alert">
          {[deal.attention.rotting && `It has been in ${deal.stage.name} for ${deal.days_in_stage} days (the stage flags deals after ${deal.stage.rotting_days}).`,
            deal.attention.no_next_activity && "Nothing is planned next: add a task or a meeting below."].filter(Boolean).join(" ")}
        </Alert>
      )}
      {deal.status === "lost" && (
        <Alert color="red" title={`Lost: ${deal.lost_reason?.name ?? "no reason"}`}>{deal.lost_note ?? `Closed ${formatDate(deal.closed_at)}.`}</Alert>
      )}
      {deal.status === "won" && (
        <Alert color="green" title={`Won on ${formatDate(deal.closed_at)}`}>
          <Group gap="xs">{formatMoney(deal.value_minor, deal.currency)}<DealOrderLink deal={deal} /></Group>
        </Alert>
      )}

      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Card withBorder>
              <SimpleGrid cols={2} spacing="sm">
                <Fact label="Value" testId="deal-value">{formatMoney(deal.value_minor, deal.currency)}</Fact>
                <Fact label="Win probability" testId="deal-probability">
                  {deal.probability}% {deal.probability_overridden && <Badge size="xs" variant="light" title={`The stage says ${deal.stage.probability}%`}>own</Badge>}
                </Fact>
                <Fact label="Expected close">{deal.expected_close ? formatDate(deal.expected_close) : "—"}</Fact>
                <Fact label="In this stage" testId="deal-days">{deal.days_in_stage} {deal.days_in_stage === 1 ? "day" : "days"}</Fact>
                <Fact label="Owner">{deal.owner ?? "—"}</Fact>
                <Fact label="Source">{deal.source?.name ?? "—"}</Fact>
                <Fact label="Next step">{deal.next_step ?? "—"}</Fact>
                <Fact label="Next activity">{deal.next_activity_at ? formatDateTime(deal.next_activity_at) : "None planned"}</Fact>
              </SimpleGrid>
              {deal.tags.length > 0 && <Group gap={4} mt="sm">{deal.tags.map((t) => <Badge key={t} variant="light" color="gray">{t}</Badge>)}</Group>}
            </Card>
            <Card withBorder>
              <Title order={5} mb="xs">People</Title>
              {deal.company && <Anchor component={Link} to={`/companies/${deal.company.id}`} size="sm" display="block">{deal.company.name}</Anchor>}
              {deal.contacts.map((c, i) => (
                <Anchor key={c.id} component={Link} to={`/contacts/${c.id}`} size="sm" display="block">{c.name}{i === 0 && deal.contacts.length > 1 ? " (main)" : ""}</Anchor>
              ))}
              {!deal.company && deal.contacts.length === 0 && <Text size="sm" c="dimmed">No contact or company yet.</Text>}
            </Card>
            {deal.lines.length > 0 && (
              <Card withBorder>
                <Title order={5} mb="xs">Line items</Title>
                <Table>
                  <Table.Tbody>
                    {deal.lines.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td>{l.name}</Table.Td>
                        <Table.Td>{l.quantity} × {formatMoney(l.unit_price_minor, deal.currency)}{l.discount_percent ? ` −${l.discount_percent}%` : ""}</Table.Td>
                        <Table.Td ta="right">{formatMoney(l.total_minor, deal.currency)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            )}
            <Card withBorder>
              <Title order={5} mb="xs">Stage history</Title>
              <Stack gap={6} data-testid="deal-history">
                {deal.history.map((h) => (
                  <div key={h.id} data-testid="deal-history-item">
                    <Text size="sm">{h.from_stage_name ? `${h.from_stage_name} → ${h.to_stage_name}` : `Created in ${h.to_stage_name}`}</Text>
                    <Text size="xs" c="dimmed" title={formatDateTime(h.changed_at)}>{relative(h.changed_at)}{h.changed_by ? ` · by ${h.changed_by}` : ""}</Text>
                  </div>
                ))}
              </Stack>
            </Card>
            {deal.notes && <Card withBorder><Title order={5} mb="xs">Notes</Title><Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{deal.notes}</Text></Card>}
            <RecordHistory entity="deals" id={deal.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Timeline dealId={deal.id} onChanged={reload} />
        </Grid.Col>
      </Grid>
      {editing && (
        <DealFormModal detail={deal} onClose={() => setEditing(false)} onSaved={(d: DealDetail) => { setEditing(false); setData(d); changed(); }} />
      )}
      {askLost && lostStage && (
        <LostDialog card={deal} onAnswer={(a) => { setAskLost(false); if (a) void moveTo(lostStage, a); }} />
      )}
    </Stack>
  );
}
