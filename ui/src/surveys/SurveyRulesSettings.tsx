// Settings → Surveys: what a low score and a high score set off.
import { useEffect, useState } from "react";
import { Button, Card, Group, Radio, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { commands, type SurveyRules } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useLoad } from "../lib/useLoad";
import { HIGH_ACTIONS, LOW_ACTIONS } from "./format";

export function SurveyRulesSettings() {
  const saved = useLoad(() => call(commands.surveyRulesGet()), []);
  const [rules, setRules] = useState<SurveyRules | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (saved.data) setRules(saved.data);
  }, [saved.data]);
  if (!rules) return null;

  const dirty = saved.data && (saved.data.on_low !== rules.on_low || saved.data.on_high !== rules.on_high);
  const save = async () => {
    setSaving(true);
    try {
      saved.setData(await call(commands.surveyRulesSet(rules)));
      notifications.show({ color: "green", title: "Survey rules saved", message: "They apply to the scores recorded from now on." });
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card withBorder padding="lg" data-testid="survey-rules">
      <Title order={4}>Surveys</Title>
      <Text size="sm" c="dimmed" mb="md">What happens when you record a satisfaction score, so an unhappy customer is never missed and a happy one is asked to spread the word.</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Radio.Group label="A low score opens…" description="NPS 0–6 (a detractor) or CSAT 1–2" value={rules.on_low}
          onChange={(v) => setRules({ ...rules, on_low: v as SurveyRules["on_low"] })} data-testid="survey-rules-low">
          <Stack gap="xs" mt="xs">
            {LOW_ACTIONS.map((a) => <Radio key={a.value} value={a.value} label={a.label} />)}
          </Stack>
        </Radio.Group>
        <Radio.Group label="A high score creates…" description="NPS 9–10 (a promoter) or CSAT 5" value={rules.on_high}
          onChange={(v) => setRules({ ...rules, on_high: v as SurveyRules["on_high"] })} data-testid="survey-rules-high">
          <Stack gap="xs" mt="xs">
            {HIGH_ACTIONS.map((a) => <Radio key={a.value} value={a.value} label={a.label} />)}
          </Stack>
        </Radio.Group>
      </SimpleGrid>
      <Group justify="flex-end" mt="md">
        <Button onClick={() => void save()} loading={saving} disabled={!dirty} data-testid="survey-rules-save">Save survey rules</Button>
      </Group>
    </Card>
  );
}
