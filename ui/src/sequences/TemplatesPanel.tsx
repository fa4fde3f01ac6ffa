// E-mail templates: the list, new, edit, archive (refused while a step or broadcast uses one).
import { useState } from "react";
import { ActionIcon, Badge, Button, Group, Menu, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDots, IconPlus, IconTemplate } from "@tabler/icons-react";
import { commands, type Template } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { useLoad } from "../lib/useLoad";
import { TemplateEditor } from "./TemplateEditor";

export function TemplatesPanel() {
  const { version, changed } = useData();
  const list = useLoad(() => call(commands.templatesList()), [version]);
  const [editing, setEditing] = useState<Template | "new" | null>(null);
  const archive = (t: Template) =>
    confirmDanger({
      title: `Archive “${t.name}”?`,
      body: "It leaves the lists; e-mails already sent with it stay on record. A template still used by a sequence step or a broadcast can't be archived.",
      confirmLabel: "Archive",
      onConfirm: async () => {
        try {
          await call(commands.templateArchive(t.id));
          notifications.show({ color: "green", title: "Template archived", message: t.name });
          changed();
        } catch (e) {
          notifyError(e);
        }
      },
    });
  const rows = list.data ?? [];
  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")} data-testid="template-new">New template</Button>
      </Group>
      {list.data && rows.length === 0 && (
        <Stack align="center" gap={6} py="xl">
          <IconTemplate size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
          <Text fw={500}>No e-mail templates yet</Text>
          <Text size="sm" c="dimmed" ta="center" maw={460}>
            Write an e-mail once, with fields like {"{{first_name}}"} that fill in for each contact, and use it in sequences and broadcasts.
          </Text>
        </Stack>
      )}
      {rows.length > 0 && (
        <Table highlightOnHover verticalSpacing="sm" data-testid="templates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Template</Table.Th>
              <Table.Th>Fields</Table.Th>
              <Table.Th w={90} ta="right">Used by</Table.Th>
              <Table.Th w={120}>Changed</Table.Th>
              <Table.Th w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((t) => (
              <Table.Tr key={t.id} data-testid="template-row" style={{ cursor: "pointer" }} onClick={() => setEditing(t)}>
                <Table.Td>
                  <Text fw={500}>{t.name}</Text>
                  <Text size="xs" c="dimmed" lineClamp={1}>{t.subject}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {t.fields.map((f) => <Badge key={f} size="xs" variant="default" tt="none">{f}</Badge>)}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{t.used_by}</Table.Td>
                <Table.Td>{formatDate(t.updated_at)}</Table.Td>
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon variant="subtle" aria-label={`Actions for ${t.name}`}><IconDots size={16} /></ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setEditing(t)}>Edit</Menu.Item>
                      <Menu.Item color="red" onClick={() => archive(t)}>Archive…</Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <TemplateEditor template={editing === "new" ? null : editing} onClose={() => setEditing(null)}
          onSaved={(t) => {
            notifications.show({ color: "green", title: "Template saved", message: t.name });
            setEditing(null);
            changed();
          }} />
      )}
    </Stack>
  );
}
