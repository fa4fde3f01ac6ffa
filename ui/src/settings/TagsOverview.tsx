import { Badge, Card, Table, Text, Title } from "@mantine/core";
import { commands } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";

export function TagsOverview() {
  const { version } = useData();
  const { data: tags } = useLoad(() => call(commands.tagsList()), [version]);
  return (
    <Card withBorder padding="lg">
      <Title order={4}>Tags</Title>
      <Text size="sm" c="dimmed" mb="md">
        Tags are created as you add them to contacts and companies; a tag disappears when nothing uses it.
      </Text>
      {tags && tags.length === 0 ? (
        <Text size="sm" c="dimmed">No tags yet.</Text>
      ) : (
        <Table verticalSpacing={6} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tag</Table.Th>
              <Table.Th w={120}>Contacts</Table.Th>
              <Table.Th w={120}>Companies</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(tags ?? []).map((t) => (
              <Table.Tr key={t.name}>
                <Table.Td>
                  <Badge variant="default" tt="none" radius="sm">{t.name}</Badge>
                </Table.Td>
                <Table.Td>{t.contacts}</Table.Td>
                <Table.Td>{t.companies}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
