// Import: the wizard and every past import (with Undo).
import { ScrollArea, Stack, Text, Title } from "@mantine/core";
import { commands } from "../bindings";
import { call } from "../lib/api";
import { useLoad } from "../lib/useLoad";
import { ImportHistory } from "./ImportHistory";
import { ImportWizard } from "./ImportWizard";

export function ImportPage() {
  const history = useLoad(() => call(commands.importsList()), []);
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="lg" maw={1100}>
        <div>
          <Title order={2}>Import</Title>
          <Text c="dimmed">Bring in contacts, companies, deals, activities, orders and survey answers from spreadsheets and other tools. Nothing is written until you confirm, and every import can be undone.</Text>
        </div>
        <ImportWizard onImported={history.reload} />
        <ImportHistory records={history.data ?? []} onChanged={history.reload} />
      </Stack>
    </ScrollArea>
  );
}
