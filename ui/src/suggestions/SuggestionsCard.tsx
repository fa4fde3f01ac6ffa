// A customer's upsell and cross-sell suggestions, each with its reason, its price and what it
// is worth, and "Create deal" / "E-mail".
import { Card, Group, Paper, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconBulb } from "@tabler/icons-react";
import { commands } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { errorMessage } from "../lib/errors";
import { formatMoney } from "../lib/money";
import { useLoad } from "../lib/useLoad";
import { emailOf, suggestionMailto } from "./format";
import { KindBadge, RuleFigures, SuggestionActions } from "./SuggestionActions";

export const EXPECTED_HINT = "What it is worth, weighted by how likely it is: an upgrade's extra price for a year, or a product's yearly price × how often customers like them buy it.";

export function SuggestionsCard({ contactId }: { contactId: string }) {
  const { version } = useData();
  const data = useLoad(async () => {
    const [suggestions, contact] = await Promise.all([call(commands.suggestionsFor(contactId)), call(commands.contactGet(contactId))]);
    return { suggestions, contact };
  }, [contactId, version]);
  const contact = data.data?.contact;
  const email = emailOf(contact);
  const noEmail = contact?.do_not_contact ? "They asked not to be contacted." : !email ? "They have no e-mail address." : null;
  const list = data.data?.suggestions ?? [];

  return (
    <Card withBorder padding="md" data-testid="suggestions-card">
      <Group gap="xs" mb="xs"><IconBulb size={18} aria-hidden /><Title order={5}>What they might buy next</Title></Group>
      {!!data.error && !data.data && <Text size="sm" c="red">{errorMessage(data.error)}</Text>}
      {data.data && list.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="suggestions-empty">No suggestions: they own everything on their paths, or they have not bought yet.</Text>
      )}
      <Stack gap="sm">
        {list.map((s) => (
          <Paper key={`${s.kind}-${s.product.id}`} withBorder p="sm" radius="md" data-testid="suggestion">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <KindBadge kind={s.kind} />
                  <Text fw={600} size="sm">{s.product.name}</Text>
                </Group>
                {s.because_of && <Text size="xs" c="dimmed">Because they own {s.because_of.name}</Text>}
              </Stack>
              <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
                <Tooltip label={EXPECTED_HINT} multiline w={300}>
                  <Text size="sm" fw={600} data-testid="suggestion-value">{formatMoney(s.expected_value_minor, s.currency)}</Text>
                </Tooltip>
                <Text size="xs" c="dimmed">expected · price {formatMoney(s.price_minor, s.currency)}</Text>
              </Stack>
            </Group>
            <Text size="sm" mt={6} data-testid="suggestion-reason">{s.reason}</Text>
            {s.rule && <RuleFigures rule={s.rule} />}
            <Group justify="flex-end" mt="xs">
              <SuggestionActions suggestion={s} noEmail={noEmail}
                mailto={email && contact ? suggestionMailto(email, contact.first_name, s) : null} />
            </Group>
          </Paper>
        ))}
      </Stack>
    </Card>
  );
}
