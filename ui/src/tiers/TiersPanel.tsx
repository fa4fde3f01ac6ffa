// The priority tiers A, B and C: each rule beside its measured conversion rate, so the owner
// can check the model against reality; and each tier's handling.
import { useState } from "react";
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { commands, type Tier } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { FilterSummary } from "../criteria/FilterSummary";
import { PeriodPicker, Rate, periodOf } from "../conversion/period";
import { TIER_COLORS, tierLetter } from "./format";
import { TierModal } from "./TierModal";
import { formatNumber } from "../lib/numbers";

export function TiersPanel() {
  const { version, changed } = useData();
  const [days, setDays] = useState("365");
  const [editing, setEditing] = useState<Tier | null>(null);
  const list = useLoad(() => call(commands.tiersList()), [version]);
  const rates = useLoad(() => call(commands.tiersConversion(periodOf(days))), [version, days]);
  return (
    <Stack>
      <Group justify="space-between">
        <PeriodPicker value={days} onChange={setDays} />
        <Text size="xs" c="dimmed" maw={420}>Each contact is in the first tier whose rule it matches. Tiers follow every change at once.</Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {(list.data ?? []).map((t) => (
          <Card key={t.id} withBorder padding="md" data-testid={`tier-${t.id}`}>
            <Stack gap="xs" h="100%">
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs" wrap="nowrap">
                  <Badge size="xl" color={TIER_COLORS[t.id]} circle>{tierLetter(t.id)}</Badge>
                  <Text fw={600}>{t.name}</Text>
                </Group>
                <Button size="compact-sm" variant="subtle" onClick={() => setEditing(t)} data-testid={`tier-edit-${t.id}`} style={{ flexShrink: 0 }}>Edit</Button>
              </Group>
              {t.description && <Text size="sm">{t.description}</Text>}
              <div>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">Who</Text>
                {t.filter ? <FilterSummary filter={t.filter} /> : <Text size="sm" c="dimmed">Everyone not in a tier above</Text>}
              </div>
              <div>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">Handling</Text>
                <Text size="sm">Follow up within {t.follow_up_days} {t.follow_up_days === 1 ? "day" : "days"}</Text>
                {t.support_level && <Text size="sm">Support: {t.support_level}</Text>}
              </div>
              <Group justify="space-between" mt="auto">
                <Anchor component={Link} to={`/contacts?tier=${t.id}`} size="sm" data-testid={`tier-members-${t.id}`}>
                  {formatNumber(t.members)} {t.members === 1 ? "contact" : "contacts"}
                </Anchor>
                <Rate c={rates.data?.find((r) => r.id === t.id)?.conversion} testId={`tier-rate-${t.id}`} />
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      {editing && <TierModal tier={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); changed(); }} />}
    </Stack>
  );
}
