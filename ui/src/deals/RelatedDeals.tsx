// A contact's or a company's deals, with "New deal" prefilled for them.
import { useState } from "react";
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router-dom";
import { commands, type EntityRef } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { formatMoney } from "../lib/money";
import { useLoad } from "../lib/useLoad";
import { DealFormModal } from "./DealFormModal";

const COLORS = { open: "blue", won: "green", lost: "red" } as const;

export function RelatedDeals({ contact, company }: { contact?: EntityRef; company?: EntityRef }) {
  const { version, changed } = useData();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { data } = useLoad(
    () => call(contact ? commands.dealsForContact(contact.id) : commands.dealsForCompany(company?.id ?? "")),
    [contact?.id, company?.id, version],
  );
  const cards = data?.cards ?? [];
  return (
    <Card withBorder data-testid="related-deals">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Deals</Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)} data-testid="related-new-deal">New deal</Button>
      </Group>
      {cards.length === 0 && <Text size="sm" c="dimmed">No deals yet.</Text>}
      <Stack gap={6}>
        {cards.slice(0, 20).map((d) => (
          <Group key={d.id} justify="space-between" wrap="nowrap">
            <Anchor component={Link} to={`/deals/${d.id}`} size="sm" truncate>{d.title}</Anchor>
            <Group gap={6} wrap="nowrap">
              <Text size="sm">{formatMoney(d.value_minor, d.currency)}</Text>
              <Badge size="sm" variant="light" color={COLORS[d.status]}>{d.status === "open" ? d.stage_name : d.status}</Badge>
            </Group>
          </Group>
        ))}
        {cards.length > 20 && <Text size="xs" c="dimmed">and {cards.length - 20} more</Text>}
      </Stack>
      {creating && (
        <DealFormModal contact={contact} company={company} onClose={() => setCreating(false)}
          onSaved={(d) => { setCreating(false); changed(); navigate(`/deals/${d.id}`); }} />
      )}
    </Card>
  );
}
