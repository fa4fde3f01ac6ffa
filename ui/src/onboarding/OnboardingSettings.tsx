// Settings → Onboarding checklists: the steps a new customer goes through, started by a product
// on an order or by a tier's first purchase; each item becomes a task due after the purchase.
import { useState } from "react";
import { ActionIcon, Badge, Button, Card, Group, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconChecklist, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { commands, type OnboardingTemplate, type Tier } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { ChecklistModal } from "./ChecklistModal";

function startsOn(t: OnboardingTemplate, tiers: Tier[]): string {
  if (t.product) return `On buying ${t.product.name}`;
  if (t.tier) {
    const name = tiers.find((x) => x.id === t.tier)?.name;
    return `First purchase in tier ${t.tier.toUpperCase()}${name ? ` (${name})` : ""}`;
  }
  return "Nothing yet: choose a product or a tier";
}

export function OnboardingSettings() {
  const { version, changed } = useData();
  const data = useLoad(async () => {
    const [templates, products, tiers] = await Promise.all([
      call(commands.onboardingTemplates()),
      call(commands.productsList()),
      call(commands.tiersList()),
    ]);
    return { templates, products, tiers };
  }, [version]);
  const [editing, setEditing] = useState<OnboardingTemplate | "new" | null>(null);
  const templates = data.data?.templates ?? [];
  const tiers = data.data?.tiers ?? [];

  const remove = (t: OnboardingTemplate) => confirmDanger({
    title: `Delete “${t.name}”?`,
    body: "New purchases no longer start it. Checklists already started stay on their customers with their tasks.",
    confirmLabel: "Delete checklist",
    onConfirm: async () => {
      try {
        await call(commands.onboardingTemplateDelete(t.id));
        changed();
      } catch (e) {
        notifyError(e);
      }
    },
  });

  return (
    <Card withBorder padding="lg" data-testid="onboarding-settings">
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <div>
          <Title order={4}>Onboarding checklists</Title>
          <Text size="sm" c="dimmed">
            Steps every new customer goes through — a welcome call, a kickoff, a first check-in. Each becomes a task on Today, due some days after the purchase.
          </Text>
        </div>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing("new")} data-testid="checklist-new" disabled={!data.data} style={{ flexShrink: 0 }}>
          New checklist
        </Button>
      </Group>
      {data.data && templates.length === 0 && (
        <Group gap="sm" wrap="nowrap">
          <IconChecklist size={32} stroke={1.3} color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">No checklists yet.</Text>
        </Group>
      )}
      {templates.length > 0 && (
        <Table verticalSpacing={6} data-testid="checklists-table">
          <Table.Tbody>
            {templates.map((t) => (
              <Table.Tr key={t.id} data-testid="checklist-row" style={{ opacity: t.active ? 1 : 0.6 }}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>{t.name}</Text>
                    {!t.active && <Badge size="xs" variant="outline" color="gray">Inactive</Badge>}
                  </Group>
                  <Text size="xs" c="dimmed">{startsOn(t, tiers)}</Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm">{t.items.length} {t.items.length === 1 ? "item" : "items"}</Text>
                    {t.items.length > 0 && (
                      <Text size="xs" c="dimmed" lineClamp={1}>{t.items.map((i) => i.title).join(" · ")}</Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td w={80}>
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label="Edit">
                      <ActionIcon variant="subtle" aria-label={`Edit ${t.name}`} onClick={() => setEditing(t)}><IconPencil size={16} /></ActionIcon>
                    </Tooltip>
                    <Tooltip label="Delete">
                      <ActionIcon variant="subtle" color="red" aria-label={`Delete ${t.name}`} onClick={() => remove(t)}><IconTrash size={16} /></ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && data.data && (
        <ChecklistModal detail={editing === "new" ? undefined : editing} products={data.data.products} tiers={tiers}
          onClose={() => setEditing(null)}
          onSaved={(t) => {
            setEditing(null);
            notifications.show({ color: "green", title: "Checklist saved", message: t.name });
            changed();
          }} />
      )}
    </Card>
  );
}
