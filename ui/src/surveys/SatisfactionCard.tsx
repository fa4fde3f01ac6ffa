// A contact's satisfaction: their latest NPS and CSAT, every answer with what it set off,
// "Record a score" and "Ask by e-mail".
import { useState } from "react";
import { Anchor, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconMail, IconMoodSmile, IconPlus } from "@tabler/icons-react";
import { commands, type SurveyKind } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { AskByEmailModal } from "./AskByEmailModal";
import { BAND_COLORS, BAND_WORDS, KIND_LABELS, RANGES, bandOf, sourceLabel } from "./format";
import { RecordScoreModal } from "./RecordScoreModal";
import { FollowUp, ScoreBadge } from "./ScoreBadge";

const SHOWN = 5;

function Latest({ kind, score }: { kind: SurveyKind; score: number | null }) {
  const band = score === null ? null : bandOf(kind, score);
  return (
    <Paper withBorder p="xs" radius="md" data-testid={`latest-${kind}`}>
      <Text size="xs" c="dimmed">Latest {KIND_LABELS[kind]}</Text>
      {score === null || band === null ? (
        <Text size="sm" c="dimmed">Not asked yet</Text>
      ) : (
        <Group gap={6} align="baseline">
          <Text fw={700} size="xl" c={`${BAND_COLORS[band]}.8`}>{score}</Text>
          <Text size="xs" c="dimmed">of {RANGES[kind][1]}</Text>
          <Text size="sm">{BAND_WORDS[kind][band]}</Text>
        </Group>
      )}
    </Paper>
  );
}

export function SatisfactionCard({ contactId }: { contactId: string }) {
  const { version, changed } = useData();
  const scores = useLoad(() => call(commands.surveyScores(contactId)), [contactId, version]);
  const [recording, setRecording] = useState(false);
  const [asking, setAsking] = useState(false);
  const [all, setAll] = useState(false);
  const responses = scores.data?.responses ?? [];
  const shown = all ? responses : responses.slice(0, SHOWN);

  return (
    <Card withBorder padding="md" data-testid="satisfaction-card">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs"><IconMoodSmile size={18} aria-hidden /><Title order={5}>Satisfaction</Title></Group>
        <Group gap={6} wrap="nowrap">
          <Button size="compact-sm" variant="subtle" leftSection={<IconMail size={14} />} onClick={() => setAsking(true)} data-testid="survey-ask">
            Ask by e-mail
          </Button>
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setRecording(true)} data-testid="survey-record">
            Record a score
          </Button>
        </Group>
      </Group>
      {!!scores.error && !scores.data && <Text size="sm" c="red">{errorMessage(scores.error)}</Text>}
      {scores.data && (
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="xs">
            <Latest kind="nps" score={scores.data.nps} />
            <Latest kind="csat" score={scores.data.csat} />
          </SimpleGrid>
          {responses.length === 0 && (
            <Text size="sm" c="dimmed">No answers yet. Ask how likely they are to recommend you, or how satisfied they are after a job.</Text>
          )}
          {shown.map((r) => (
            <Stack key={r.id} gap={2} data-testid="survey-response">
              <Group justify="space-between" wrap="nowrap">
                <ScoreBadge kind={r.kind} score={r.score} />
                <Text size="xs" c="dimmed">{formatDate(r.answered_at)} · {sourceLabel(r.source)}</Text>
              </Group>
              {r.comment && <Text size="sm" fs="italic">“{r.comment}”</Text>}
              <FollowUp response={r} />
            </Stack>
          ))}
          {responses.length > SHOWN && (
            <Anchor component="button" type="button" size="xs" w="fit-content" onClick={() => setAll((v) => !v)}>
              {all ? "Show fewer" : `Show all ${responses.length} answers`}
            </Anchor>
          )}
        </Stack>
      )}
      {recording && (
        <RecordScoreModal contactId={contactId} onClose={() => setRecording(false)} onSaved={() => { setRecording(false); changed(); }} />
      )}
      {asking && (
        <AskByEmailModal contactId={contactId} onClose={() => setAsking(false)} onSent={changed} />
      )}
    </Card>
  );
}
