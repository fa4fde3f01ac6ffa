// Pipelines and their stages: rename, set probability and rotting days, reorder, add, and
// remove a stage (choosing where its deals go); add, rename and delete pipelines.
import { useState } from "react";
import { ActionIcon, Badge, Button, Card, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { commands, type Pipeline, type Stage, type StageInput } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";

function StageRow({ stage, first, last, onSaved, onMove, onDelete }: {
  stage: Stage; first: boolean; last: boolean; onSaved: () => void; onMove: (d: -1 | 1) => void; onDelete: () => void;
}) {
  const [name, setName] = useState(stage.name);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const open = stage.kind === "open";
  const update = async (patch: Partial<StageInput>) => {
    const input: StageInput = { name: stage.name, probability: stage.probability, rotting_days: stage.rotting_days, ...patch };
    try {
      await call(commands.stageUpdate(stage.id, input));
      setErrors({});
      onSaved();
    } catch (e) {
      const f = fieldErrors(coreOf(e));
      setErrors(Object.keys(f).length ? f : { name: errorMessage(coreOf(e)) });
    }
  };
  return (
    <Table.Tr data-testid="stage-row">
      <Table.Td>
        <TextInput size="xs" value={name} error={errors.name} aria-label="Stage name" onChange={(e) => setName(e.currentTarget.value)}
          onBlur={() => name.trim() !== stage.name && void update({ name: name.trim() })}
          onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()} />
      </Table.Td>
      <Table.Td>
        {open ? (
          <NumberInput size="xs" min={0} max={100} suffix=" %" defaultValue={stage.probability} error={errors.probability} aria-label="Probability"
            onBlur={(e) => { const v = Number(e.currentTarget.value.replace(/\D/g, "")); if (v !== stage.probability) void update({ probability: v }); }} />
        ) : <Badge color={stage.kind === "won" ? "green" : "red"} variant="light">{stage.probability}%</Badge>}
      </Table.Td>
      <Table.Td>
        {open && (
          <NumberInput size="xs" min={1} max={3650} placeholder="never" defaultValue={stage.rotting_days ?? ""} error={errors.rotting_days}
            aria-label="Rotting after days" onBlur={(e) => {
              const raw = e.currentTarget.value.trim();
              const v = raw === "" ? null : Number(raw);
              if (v !== stage.rotting_days) void update({ rotting_days: v });
            }} />
        )}
      </Table.Td>
      <Table.Td><Badge variant="default">{stage.deal_count}</Badge></Table.Td>
      <Table.Td>
        {open && (
          <Group gap={2} wrap="nowrap">
            <ActionIcon variant="subtle" disabled={first} aria-label={`Move ${stage.name} up`} onClick={() => onMove(-1)}><IconArrowUp size={16} /></ActionIcon>
            <ActionIcon variant="subtle" disabled={last} aria-label={`Move ${stage.name} down`} onClick={() => onMove(1)}><IconArrowDown size={16} /></ActionIcon>
            <Tooltip label="Remove stage">
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${stage.name}`} onClick={onDelete}><IconTrash size={16} /></ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function RemoveStage({ pipeline, stage, onDone }: { pipeline: Pipeline; stage: Stage; onDone: (saved: boolean) => void }) {
  const others = pipeline.stages.filter((s) => s.kind === "open" && s.id !== stage.id);
  const [to, setTo] = useState<string | null>(others[0]?.id ?? null);
  const remove = async () => {
    if (!to) return;
    try {
      await call(commands.stageDelete(stage.id, to));
      onDone(true);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Modal opened onClose={() => onDone(false)} title={`Remove “${stage.name}”?`}>
      <Stack>
        <Text size="sm">{stage.deal_count > 0 ? `Its ${stage.deal_count} deal(s) move to the stage you pick; each deal's history records the move.` : "No deal is in this stage."}</Text>
        <Select label="Move its deals to" data={others.map((s) => ({ value: s.id, label: s.name }))} value={to} onChange={setTo} allowDeselect={false} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(false)}>Cancel</Button>
          <Button color="red" onClick={() => void remove()} data-testid="stage-remove-confirm">Remove stage</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function PipelinesEditor() {
  const { version, changed } = useData();
  const { data, reload } = useLoad(() => call(commands.pipelinesList()), [version]);
  const [selected, setSelected] = useState<string | null>(null);
  const [newStage, setNewStage] = useState("");
  const [removing, setRemoving] = useState<Stage | null>(null);
  const pipeline = data?.find((p) => p.id === selected) ?? data?.[0];
  const saved = () => { reload(); changed(); };
  if (!pipeline) return null;
  const open = pipeline.stages.filter((s) => s.kind === "open");

  const move = async (stage: Stage, d: -1 | 1) => {
    const ids = open.map((s) => s.id);
    const i = ids.indexOf(stage.id);
    [ids[i], ids[i + d]] = [ids[i + d], ids[i]];
    try { await call(commands.stagesReorder(pipeline.id, ids)); saved(); } catch (e) { notifyError(e); }
  };
  const addStage = async () => {
    if (!newStage.trim()) return;
    try {
      await call(commands.stageCreate(pipeline.id, { name: newStage.trim(), probability: open[open.length - 1]?.probability ?? 50, rotting_days: null }));
      setNewStage("");
      saved();
    } catch (e) { notifyError(e); }
  };
  const addPipeline = async () => {
    try { const p = await call(commands.pipelineCreate("New pipeline")); setSelected(p.id); saved(); } catch (e) { notifyError(e); }
  };
  const removePipeline = () => confirmDanger({
    title: `Delete the “${pipeline.name}” pipeline?`, body: "Only a pipeline without deals can be deleted.", confirmLabel: "Delete pipeline",
    onConfirm: async () => { try { await call(commands.pipelineDelete(pipeline.id)); setSelected(null); saved(); } catch (e) { notifyError(e); } },
  });

  return (
    <Card withBorder padding="lg" data-testid="pipelines-editor">
      <Group justify="space-between">
        <Title order={4}>Pipelines and stages</Title>
        <Group gap="xs">
          {data && data.length > 1 && (
            <Select size="xs" data={data.map((p) => ({ value: p.id, label: p.name }))} value={pipeline.id} onChange={setSelected} allowDeselect={false} aria-label="Pipeline" />
          )}
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => void addPipeline()}>Add pipeline</Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        The steps of your sales conversation. Each stage gives deals a default win probability; a deal that sits in a stage longer than its “rotting” days is flagged.
      </Text>
      <Group mb="sm" align="flex-end">
        <TextInput size="xs" label="Pipeline name" key={pipeline.id + pipeline.name} defaultValue={pipeline.name}
          onBlur={(e) => { const v = e.currentTarget.value.trim(); if (v && v !== pipeline.name) void call(commands.pipelineRename(pipeline.id, v)).then(saved, notifyError); }} />
        {data && data.length > 1 && <Button size="xs" variant="subtle" color="red" onClick={removePipeline}>Delete pipeline</Button>}
      </Group>
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr><Table.Th>Stage</Table.Th><Table.Th w={110}>Probability</Table.Th><Table.Th w={120}>Rotting after (days)</Table.Th><Table.Th w={70}>Deals</Table.Th><Table.Th w={110} /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pipeline.stages.map((s) => (
            <StageRow key={`${s.id}-${s.name}-${s.probability}-${s.rotting_days}-${s.position}`} stage={s} first={s.position === 0}
              last={s.id === open[open.length - 1]?.id} onSaved={saved} onMove={(d) => void move(s, d)} onDelete={() => setRemoving(s)} />
          ))}
        </Table.Tbody>
      </Table>
      <Group mt="sm">
        <TextInput size="xs" placeholder="New stage, e.g. Trial" value={newStage} onChange={(e) => setNewStage(e.currentTarget.value)}
          onKeyDown={(e) => e.key === "Enter" && void addStage()} aria-label="New stage name" />
        <Button size="xs" variant="light" onClick={() => void addStage()} leftSection={<IconPlus size={14} />}>Add stage</Button>
      </Group>
      {removing && <RemoveStage pipeline={pipeline} stage={removing} onDone={(ok) => { setRemoving(null); if (ok) saved(); }} />}
    </Card>
  );
}
