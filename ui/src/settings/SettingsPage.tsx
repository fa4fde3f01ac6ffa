import { ScrollArea, Stack, Text, Title } from "@mantine/core";
import { LeadSourcesEditor } from "./LeadSourcesEditor";
import { TagsOverview } from "./TagsOverview";

export function SettingsPage() {
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="xl" maw={900}>
        <div>
          <Title order={2}>Settings</Title>
          <Text c="dimmed">How Hearth describes your business. Everything here is stored on this computer.</Text>
        </div>
        <LeadSourcesEditor />
        <TagsOverview />
      </Stack>
    </ScrollArea>
  );
}
