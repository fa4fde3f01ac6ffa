// Settings → Products and plans: the catalogue orders pick from, with its upgrade paths and
// add-ons. Products are archived, never deleted (old orders keep pointing at them).
import { useState } from "react";
import { ActionIcon, Badge, Button, Card, Group, Table, Text, Title, Tooltip, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArchive, IconArchiveOff, IconArrowRight, IconPackage, IconPencil, IconPlus } from "@tabler/icons-react";
import { commands, type Product } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { billingLabel, priceLabel } from "./format";
import { ProductFormModal } from "./ProductFormModal";

export function ProductsSettings() {
  const { version, changed } = useData();
  const list = useLoad(() => call(commands.productsList()), [version]);
  const [editing, setEditing] = useState<Product | "new" | null>(null);
  const rows = list.data ?? [];

  const setArchived = async (p: Product, archived: boolean) => {
    try {
      await call(commands.productSetArchived(p.id, archived));
      notifications.show({
        color: "green",
        title: archived ? "Archived" : "Restored",
        message: archived ? `“${p.name}” is no longer offered on new orders; past orders keep it.` : `“${p.name}” can be sold again.`,
      });
      list.reload();
      changed();
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Card withBorder padding="lg" data-testid="products-settings">
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <div>
          <Title order={4}>Products and plans</Title>
          <Text size="sm" c="dimmed">What you sell: one-off products and monthly or yearly plans. Orders pick from this list.</Text>
        </div>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing("new")} data-testid="product-new" style={{ flexShrink: 0 }}>New product</Button>
      </Group>
      {list.data && rows.length === 0 && (
        <Group gap="sm" py="md" wrap="nowrap">
          <IconPackage size={32} stroke={1.3} color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">
            No products yet. Add what you sell, with its price, and whether it is bought once or billed every month or year.
          </Text>
        </Group>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing={6} data-testid="products-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>SKU</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th ta="right">Price</Table.Th>
                <Table.Th>Billing</Table.Th>
                <Table.Th style={{ whiteSpace: "nowrap" }}>Upgrades to</Table.Th>
                <Table.Th style={{ whiteSpace: "nowrap" }}>Add-ons</Table.Th>
                <Table.Th w={76}><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id} data-testid="product-row" data-archived={p.archived || undefined} style={{ opacity: p.archived ? 0.55 : 1 }}>
                  <Table.Td><Text size="sm" ff="monospace" style={{ whiteSpace: "nowrap" }}>{p.sku}</Text></Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>{p.name}</Text>
                      {p.archived && <Badge size="xs" variant="outline" color="gray">Archived</Badge>}
                    </Group>
                    {p.description && <Text size="xs" c="dimmed" lineClamp={1}>{p.description}</Text>}
                  </Table.Td>
                  <Table.Td><Text size="sm">{p.category ?? "—"}</Text></Table.Td>
                  <Table.Td ta="right"><Text size="sm" style={{ whiteSpace: "nowrap" }}>{priceLabel(p.price_minor, p.currency, null)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{billingLabel(p.interval)}</Text></Table.Td>
                  <Table.Td>
                    {p.upgrade_to ? (
                      <Group gap={4} wrap="nowrap"><IconArrowRight size={14} aria-hidden /><Text size="sm">{p.upgrade_to.name}</Text></Group>
                    ) : <Text size="sm" c="dimmed">—</Text>}
                  </Table.Td>
                  <Table.Td><Text size="sm">{p.addons.length ? p.addons.map((a) => a.name).join(", ") : "—"}</Text></Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label="Edit">
                        <ActionIcon variant="subtle" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}><IconPencil size={16} /></ActionIcon>
                      </Tooltip>
                      <Tooltip label={p.archived ? "Restore" : "Archive"}>
                        <ActionIcon variant="subtle" color={p.archived ? "blue" : "gray"} aria-label={`${p.archived ? "Restore" : "Archive"} ${p.name}`}
                          onClick={() => void setArchived(p, !p.archived)} data-testid={p.archived ? "product-restore" : "product-archive"}>
                          {p.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <ProductFormModal detail={editing === "new" ? undefined : editing} catalogue={rows} onClose={() => setEditing(null)}
          onSaved={(p) => {
            setEditing(null);
            notifications.show({ color: "green", title: editing === "new" ? "Product created" : "Product saved", message: p.name });
            list.reload();
            changed();
          }} />
      )}
    </Card>
  );
}
