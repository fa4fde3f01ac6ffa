// "Record a score": an NPS (0–10) or CSAT (1–5) answer told by phone, in person or by e-mail,
// with what it will set off (Settings → Surveys) said before saving.
import { useState } from "react";
import { Alert, Button, Group, Input, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconInfoCircle } from "@tabler/icons-react";
import { commands, type SurveyInput, type SurveyKind, type SurveyResponse, type SurveySource } from "../bindings";
import { call, notifyError } from "../lib/api";
import { pickerToIso, pickerFormat } from "../lib/dates";
import { useLoad } from "../lib/useLoad";
import { formErrors } from "../tickets/formErrors";
import { BAND_WORDS, KIND_LABELS, KIND_NAMES, RANGES, bandOf, consequence } from "./format";

const SHOWN = new Set(["score", "comment", "answered_at", "kind"]);
const SOURCES: { value: SurveySource; label: string }[] = [
  { value: "manual", label: "They told me (phone, in person)" },
  { value: "email", label: "They replied to the e-mail" },
];

interface Props {
  contactId: string;
  onClose: () => void;
  onSaved: (r: SurveyResponse) => void;
}

/** A picked day: today means now (the time they answered), an earlier day its local noon. */
export function answeredAt(day: string | null, now: Date = new Date()): string | null {
  if (!day) return null;
  const d = day.slice(0, 10);
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return d === today ? null : pickerToIso(`${d} 12:00:00`);
}

export function RecordScoreModal({ contactId, onClose, onSaved }: Props) {
  const rules = useLoad(() => call(commands.surveyRulesGet()), []);
  const [kind, setKind] = useState<SurveyKind>("nps");
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [day, setDay] = useState<string | null>(null);
  const [source, setSource] = useState<SurveySource>("manual");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [lo, hi] = RANGES[kind];
  const scores = Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
  const effect = score === null ? null : consequence(kind, score, rules.data);

  const save = async () => {
    if (score === null) {
      setErrors({ score: `Choose a score from ${lo} to ${hi}.` });
      return;
    }
    const input: SurveyInput = { contact_id: contactId, kind, score, comment: comment.trim() || null, answered_at: answeredAt(day), source };
    setSaving(true);
    try {
      const r = await call(commands.surveyRecord(input));
      notifications.show({
        color: "green",
        title: `${KIND_LABELS[r.kind]} ${r.score} recorded`,
        message: r.follow_up ?? "Nothing else was set off.",
      });
      onSaved(r);
    } catch (e) {
      setErrors(formErrors(e));
      notifyError(e, (f) => SHOWN.has(f));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title="Record a score" size="lg">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Stack>
          <SegmentedControl aria-label="Survey" value={kind} data-testid="score-kind"
            data={[{ value: "nps", label: "NPS (0–10)" }, { value: "csat", label: "CSAT (1–5)" }]}
            onChange={(v) => { setKind(v as SurveyKind); setScore(null); setErrors({}); }} />
          <Input.Wrapper label={KIND_NAMES[kind]} withAsterisk error={errors.score} data-testid="score-field"
            description={kind === "nps" ? "0 = not at all likely, 10 = extremely likely" : "1 = very unsatisfied, 5 = very satisfied"}
            inputWrapperOrder={["label", "description", "input", "error"]}>
            <SegmentedControl fullWidth mt={4} aria-label="Score" value={score === null ? "" : String(score)} data={scores}
              onChange={(v) => { setScore(Number(v)); setErrors(({ score: _s, ...rest }) => rest); }} data-testid="score-value" />
          </Input.Wrapper>
          {score !== null && (
            <Alert variant="light" color="gray" icon={<IconInfoCircle size={16} />} p="xs" data-testid="score-effect">
              <Text size="sm">
                {BAND_WORDS[kind][bandOf(kind, score)]}. {effect ?? "Recording it sets nothing else off."}
              </Text>
            </Alert>
          )}
          <Textarea label="What they said" placeholder="Optional: their words, in short" autosize minRows={2} maxRows={6} value={comment}
            error={errors.comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="score-comment" />
          <SimpleGrid cols={2}>
            <DateInput label="When they answered" placeholder="Today" clearable valueFormat={pickerFormat()} value={day} maxDate={new Date()}
              error={errors.answered_at} onChange={(v) => setDay(v)} data-testid="score-date" />
            <Select label="How they answered" data={SOURCES} value={source} allowDeselect={false}
              onChange={(v) => v && setSource(v as SurveySource)} data-testid="score-source" />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="score-save">Record score</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
