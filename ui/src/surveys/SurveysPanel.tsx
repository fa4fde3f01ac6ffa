// Customers → Surveys: the latest answers with a filter by survey, and the NPS and CSAT they add
// up to.
import { useState } from "react";
import { Anchor, Center, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { IconMoodSmile } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type SurveyKind } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { share, sourceLabel, summarize, type Summary } from "./format";
import { FollowUp, ScoreBadge } from "./ScoreBadge";
import { formatNumber } from "../lib/numbers";

function Stat({ label, value, detail, testId }: { label: string; value: string; detail: string; testId: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={700} size="xl">{value}</Text>
      <Text size="xs" c="dimmed">{detail}</Text>
    </Paper>
  );
}

function Figures({ s, kind }: { s: Summary; kind: SurveyKind | null }) {
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  return (
    <SimpleGrid cols={{ base: 1, sm: kind ? 2 : 3 }}>
      {kind !== "csat" && (
        <Stat testId="survey-nps" label="Net promoter score" value={s.nps === null ? "—" : signed(s.nps)}
          detail={s.npsCount
            ? `${share(s.promoters, s.npsCount)} promoters (9–10) − ${share(s.detractors, s.npsCount)} detractors (0–6); ${s.passives} passive`
            : "No NPS answers yet"} />
      )}
      {kind !== "nps" && (
        <Stat testId="survey-csat" label="Average CSAT" value={s.csat === null ? "—" : `${s.csat.toFixed(1)} of 5`}
          detail={s.csatCount && s.satisfied !== null ? `${Math.round(s.satisfied * 100)}% satisfied (4 or 5)` : "No CSAT answers yet"} />
      )}
      <Stat testId="survey-counts" label="Answers" value={formatNumber(s.npsCount + s.csatCount)}
        detail={`${formatNumber(s.npsCount)} NPS · ${formatNumber(s.csatCount)} CSAT`} />
    </SimpleGrid>
  );
}

export function SurveysPanel() {
  const { version } = useData();
  const [kind, setKind] = useState<SurveyKind | "all">("all");
  const list = useLoad(() => call(commands.surveysList(kind === "all" ? null : kind)), [kind, version]);
  const rows = list.data ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl aria-label="Show answers of" value={kind} onChange={(v) => setKind(v as SurveyKind | "all")} data-testid="surveys-kind"
          data={[{ value: "all", label: "All" }, { value: "nps", label: "NPS" }, { value: "csat", label: "CSAT" }]} />
        <Text size="xs" c="dimmed" maw={460}>The figures count the answers listed below (the latest 500).</Text>
      </Group>
      {!list.data ? (
        <Center py="xl">{list.error ? <Text c="red">{errorMessage(list.error)}</Text> : <Loader />}</Center>
      ) : rows.length === 0 ? (
        <Stack align="center" gap={6} py="xl">
          <IconMoodSmile size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
          <Text fw={500}>No answers yet</Text>
          <Text size="sm" c="dimmed" ta="center" maw={480}>
            Record a score on a customer's page (Satisfaction → Record a score) or ask by e-mail. A low score can open a ticket, a high
            one a review or referral request (Settings → Surveys).
          </Text>
        </Stack>
      ) : (
        <>
          <Figures s={summarize(rows)} kind={kind === "all" ? null : kind} />
          <Table verticalSpacing="sm" highlightOnHover data-testid="surveys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>Answered</Table.Th>
                <Table.Th>Customer</Table.Th>
                <Table.Th w={190}>Score</Table.Th>
                <Table.Th>Comment</Table.Th>
                <Table.Th w={220}>What it set off</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-testid="survey-row">
                  <Table.Td>
                    <Text size="sm">{formatDate(r.answered_at)}</Text>
                    <Text size="xs" c="dimmed">{sourceLabel(r.source)}</Text>
                  </Table.Td>
                  <Table.Td>
                    {r.contact ? <Anchor component={Link} to={`/contacts/${r.contact.id}`} size="sm">{r.contact.name}</Anchor> : <Text size="sm" c="dimmed">—</Text>}
                  </Table.Td>
                  <Table.Td><ScoreBadge kind={r.kind} score={r.score} /></Table.Td>
                  <Table.Td><Text size="sm" lineClamp={3}>{r.comment ?? ""}</Text></Table.Td>
                  <Table.Td>{r.follow_up ? <FollowUp response={r} /> : <Text size="xs" c="dimmed">Nothing</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
