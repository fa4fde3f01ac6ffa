// A score with its meaning in words ("NPS 9 · Promoter"), and what an answer set off.
import { Anchor, Badge, Group, Text } from "@mantine/core";
import { IconArrowRight } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import type { SurveyKind, SurveyResponse } from "../bindings";
import { BAND_COLORS, BAND_WORDS, KIND_LABELS, RANGES, bandOf } from "./format";

export function ScoreBadge({ kind, score }: { kind: SurveyKind; score: number }) {
  const band = bandOf(kind, score);
  return (
    <Badge variant="light" color={BAND_COLORS[band]} tt="none" data-testid="survey-score"
      aria-label={`${KIND_LABELS[kind]} ${score} of ${RANGES[kind][1]}: ${BAND_WORDS[kind][band]}`}>
      {KIND_LABELS[kind]} {score} · {BAND_WORDS[kind][band]}
    </Badge>
  );
}

/** "→ Opened ticket 12" (a link to the ticket when there is one). */
export function FollowUp({ response }: { response: SurveyResponse }) {
  if (!response.follow_up) return null;
  return (
    <Group gap={4} wrap="nowrap" data-testid="survey-follow-up">
      <IconArrowRight size={12} aria-hidden />
      {response.ticket_id ? (
        <Anchor component={Link} to={`/tickets/${response.ticket_id}`} size="xs">{response.follow_up}</Anchor>
      ) : response.activity_id ? (
        <Anchor component={Link} to="/today" size="xs">{response.follow_up}</Anchor>
      ) : (
        <Text size="xs">{response.follow_up}</Text>
      )}
    </Group>
  );
}
