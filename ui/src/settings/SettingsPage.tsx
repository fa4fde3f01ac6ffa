import { ScrollArea, Stack, Text, Title } from "@mantine/core";
import { LeadSourcesEditor } from "./LeadSourcesEditor";
import { LostReasonsEditor } from "./LostReasonsEditor";
import { PipelinesEditor } from "./PipelinesEditor";
import { ScoringEditor } from "../scoring/ScoringEditor";
import { YourName } from "./YourName";
import { TagsOverview } from "./TagsOverview";
import { YourData } from "../export/YourData";

export function SettingsPage() {
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="xl" maw={900}>
        <div>
          <Title order={2}>Settings</Title>
          <Text c="dimmed">How Hearth describes your business. Everything here is stored on this computer.</Text>
        </div>
        <YourName />
        <PipelinesEditor />
        <ScoringEditor />
        <LeadSourcesEditor />
        <LostReasonsEditor />
        <TagsOverview />
        <YourData />
      </Stack>
    </ScrollArea>
  );
}
