// On a contact: the priority tier with its handling (follow up within N days, support level),
// and the persona, chosen by hand or given by a persona's rule.
import { Badge, Card, Group, Select, Stack, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { commands } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { TIER_COLORS, tierLetter } from "./format";

const BY_RULE = "__rule__";

export function PriorityCard({ contactId }: { contactId: string }) {
  const { version, changed } = useData();
  const { data } = useLoad(async () => {
    const [tier, persona, personas] = await Promise.all([
      call(commands.contactTier(contactId)),
      call(commands.contactPersonaGet(contactId)),
      call(commands.personasList()),
    ]);
    return { tier, persona, personas };
  }, [contactId, version]);
  if (!data) return null;
  const { tier, persona, personas } = data;
  const choose = async (v: string | null) => {
    try {
      await call(commands.contactPersonaSet(contactId, v && v !== BY_RULE ? v : null));
      changed();
    } catch (e) {
      notifyError(e);
    }
  };
  const options = [{ value: BY_RULE, label: "Given by the personas' rules" }, ...personas.map((p) => ({ value: p.id, label: p.name }))];
  return (
    <Card withBorder padding="md" data-testid="priority-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>Priority</Text>
          <Text size="xs" c="dimmed" component={Link} to="/segments?tab=tiers">Tiers…</Text>
        </Group>
        {tier ? (
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Badge size="lg" color={TIER_COLORS[tier.id]} data-testid="contact-tier" style={{ flexShrink: 0 }}>Tier {tierLetter(tier.id)}</Badge>
            <Stack gap={0}>
              <Text size="sm" fw={500}>{tier.name}</Text>
              <Text size="xs" c="dimmed">
                Follow up within {tier.follow_up_days} {tier.follow_up_days === 1 ? "day" : "days"}
                {tier.support_level ? ` · support: ${tier.support_level}` : ""}
              </Text>
            </Stack>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">In no tier: none of the tiers' rules matches.</Text>
        )}
        <Select size="xs" label="Persona" data={options} value={persona.by_hand ? persona.persona?.id ?? BY_RULE : BY_RULE}
          onChange={choose} allowDeselect={false} data-testid="contact-persona"
          description={
            persona.persona
              ? persona.by_hand ? "Chosen by hand." : `By rule: ${persona.persona.name}.`
              : personas.length ? "No persona's rule matches." : "No personas yet: add them under Segments → Personas."
          } />
      </Stack>
    </Card>
  );
}
