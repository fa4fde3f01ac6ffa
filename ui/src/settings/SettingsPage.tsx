import { ScrollArea, Stack, Text, Title } from "@mantine/core";
import { LeadSourcesEditor } from "./LeadSourcesEditor";
import { LostReasonsEditor } from "./LostReasonsEditor";
import { PipelinesEditor } from "./PipelinesEditor";
import { ScoringEditor } from "../scoring/ScoringEditor";
import { YourName } from "./YourName";
import { TagsOverview } from "./TagsOverview";
import { YourData } from "../export/YourData";
import { EmailSettings } from "./EmailSettings";
import { SendingRules } from "./SendingRules";
import { MergeFieldsEditor } from "./MergeFieldsEditor";
import { CalendarSettings } from "./CalendarSettings";

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
        <EmailSettings />
        <SendingRules />
        <MergeFieldsEditor />
        <CalendarSettings />
        <YourData />
      </Stack>
    </ScrollArea>
  );
}
