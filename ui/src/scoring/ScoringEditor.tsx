// Settings → Lead scoring: the rules (condition → points) with a live preview of how many
// contacts each touches and how the scores would spread, saved all at once; and where hot and
// warm begin.
import { useEffect, useMemo, useState } from "react";
import { ActionIcon, Alert, Badge, Button, Card, Group, Loader, NumberInput, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { commands, type ScorePreview, type ScoreRuleInput, type Spread } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { ConditionEditor, fresh } from "./ConditionEditor";
import { formatNumber } from "../lib/numbers";

function SpreadLine({ label, s }: { label: string; s: Spread }) {
  return (
    <Group gap="xs">
      <Text size="xs" w={70} c="dimmed">{label}</Text>
      <Badge color="red" variant="light">{s.hot} hot</Badge>
      <Badge color="orange" variant="light">{s.warm} warm</Badge>
      <Badge color="blue" variant="light">{s.cold} cold</Badge>
      <Text size="xs" c="dimmed" ff="monospace">{s.bands.join(" · ")}</Text>
    </Group>
  );
}

function Thresholds() {
  const t = useLoad(() => call(commands.scoreThresholds()), []);
  const [hot, setHot] = useState<number | string>("");
  const [warm, setWarm] = useState<number | string>("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { changed } = useData();
  useEffect(() => {
    if (t.data) {
      setHot(t.data.hot);
      setWarm(t.data.warm);
    }
  }, [t.data]);
  const save = async () => {
    try {
      t.setData(await call(commands.scoreThresholdsSet({ hot: Number(hot), warm: Number(warm) })));
      setErrors({});
      changed();
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
    }
  };
  return (
    <Group align="flex-end" gap="sm">
      <NumberInput size="xs" w={110} label="Hot from" min={1} max={100} value={hot} onChange={setHot} error={errors.hot} data-testid="threshold-hot" />
      <NumberInput size="xs" w={110} label="Warm from" min={1} max={100} value={warm} onChange={setWarm} error={errors.warm} data-testid="threshold-warm" />
      <Button size="xs" variant="default" onClick={save} disabled={!t.data || (Number(hot) === t.data.hot && Number(warm) === t.data.warm)}
        data-testid="threshold-save">Save</Button>
    </Group>
  );
}

export function ScoringEditor() {
  const { version, changed } = useData();
  const saved = useLoad(() => call(commands.scoreRulesList()), [version]);
  const [draft, setDraft] = useState<ScoreRuleInput[] | null>(null);
  const [preview, setPreview] = useState<ScorePreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const original = useMemo(
    () => (saved.data ?? []).map((r) => ({ name: r.name, condition: r.condition, points: r.points, enabled: r.enabled })),
    [saved.data],
  );
  const rules = draft ?? original;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(original);

  // The preview follows the draft, a moment after the last change.
  useEffect(() => {
    if (!saved.data) return;
    let live = true;
    const timer = setTimeout(() => {
      setBusy(true);
      call(commands.scoreRulesPreview(rules)).then(
        (p) => live && (setPreview(p), setPreviewError(null), setBusy(false)),
        (e: unknown) => live && (setPreviewError(coreOf(e)), setBusy(false)),
      );
    }, 600);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [rules, saved.data]);

  const errors = fieldErrors(previewError);
  const errorOf = (i: number, field: string) =>
    Object.entries(errors).find(([k]) => k === `rules.${i}.${field}` || k.startsWith(`rules.${i}.${field}.`))?.[1];
  const edit = (i: number, patch: Partial<ScoreRuleInput>) => setDraft(rules.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const save = async () => {
    try {
      await call(commands.scoreRulesSave(rules));
      setDraft(null);
      saved.reload();
      changed();
    } catch (e) {
      setPreviewError(coreOf(e));
      notifyError(e);
    }
  };

  return (
    <Card withBorder padding="lg" data-testid="scoring-editor">
      <Title order={4}>Lead scoring</Title>
      <Text size="sm" c="dimmed" mb="md">
        Each rule gives points when its condition holds: fit rules look at who the contact is, activity rules at what they did
        (halving with age). The score is the sum, from 0 to 100.
      </Text>
      <Thresholds />
      <Table.ScrollContainer minWidth={1020} mt="md">
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>On</Table.Th>
            <Table.Th w={180}>Rule</Table.Th>
            <Table.Th>Condition</Table.Th>
            <Table.Th w={90}>Points</Table.Th>
            <Table.Th w={80}>Touches</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((r, i) => (
            <Table.Tr key={i} data-testid="score-rule" style={{ opacity: r.enabled ? 1 : 0.55 }}>
              <Table.Td><Switch size="xs" checked={r.enabled} onChange={(e) => edit(i, { enabled: e.currentTarget.checked })} aria-label="Rule on" /></Table.Td>
              <Table.Td>
                <TextInput size="xs" w={170} value={r.name} error={errorOf(i, "name")} aria-label="Rule name" onChange={(e) => edit(i, { name: e.currentTarget.value })} />
              </Table.Td>
              <Table.Td>
                <ConditionEditor value={r.condition} onChange={(condition) => edit(i, { condition })} error={errorOf(i, "condition")} />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" value={r.points} min={-100} max={100} error={errorOf(i, "points")} aria-label="Points"
                  onChange={(v) => edit(i, { points: typeof v === "number" ? v : Number.parseInt(v, 10) || 0 })} data-testid="rule-points" />
              </Table.Td>
              <Table.Td><Text size="xs" c="dimmed" data-testid="rule-matches">{preview && preview.matches.length === rules.length ? formatNumber(preview.matches[i]) : "…"}</Text></Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="red" aria-label="Remove rule" onClick={() => setDraft(rules.filter((_, k) => k !== i))}>
                  <IconTrash size={14} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      <Group mt="xs">
        <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />}
          onClick={() => setDraft([...rules, { name: "New rule", condition: fresh("field"), points: 10, enabled: true }])} data-testid="rule-add">Add rule</Button>
      </Group>
      <Stack gap={4} mt="md" data-testid="score-preview">
        <Group gap="xs"><Text size="sm" fw={500}>Preview</Text>{busy && <Loader size="xs" />}</Group>
        {preview && <SpreadLine label="Now" s={preview.now} />}
        {preview && dirty && <SpreadLine label="With these" s={preview.after} />}
        {previewError !== null && Object.keys(errors).length === 0 && <Alert color="red">{errorMessage(previewError)}</Alert>}
        {Object.keys(errors).length > 0 && <Text size="xs" c="red">Fix the marked rules to see the preview.</Text>}
      </Stack>
      <Group justify="flex-end" mt="md">
        <Button variant="default" disabled={!dirty} onClick={() => { setDraft(null); setPreviewError(null); }}>Discard changes</Button>
        <Button disabled={!dirty || Object.keys(errors).length > 0} onClick={save} data-testid="rules-save">
          Save rules
        </Button>
      </Group>
    </Card>
  );
}
