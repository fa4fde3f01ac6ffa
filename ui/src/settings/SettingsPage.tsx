import { ScrollArea, Stack, Text, Title } from "@mantine/core";
import { LeadSourcesEditor } from "./LeadSourcesEditor";
import { LostReasonsEditor } from "./LostReasonsEditor";
import { PipelinesEditor } from "./PipelinesEditor";
import { ScoringEditor } from "../scoring/ScoringEditor";
import { YourName } from "./YourName";
import { Appearance } from "./Appearance";
import { RegionalSettings } from "./RegionalSettings";
import { DataFolderSettings } from "./DataFolderSettings";
import { TagsOverview } from "./TagsOverview";
import { YourData } from "../export/YourData";
import { EmailSettings } from "./EmailSettings";
import { SendingRules } from "./SendingRules";
import { MergeFieldsEditor } from "./MergeFieldsEditor";
import { CalendarSettings } from "./CalendarSettings";
import { ProductsSettings } from "../products/ProductsSettings";
import { OnboardingSettings } from "../onboarding/OnboardingSettings";
import { PurchaseRulesSettings } from "../orders/PurchaseRulesSettings";
import { ServiceLevelsSettings } from "../tickets/ServiceLevelsSettings";
import { SurveyRulesSettings } from "../surveys/SurveyRulesSettings";

export function SettingsPage() {
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="xl" maw={900}>
        <div>
          <Title order={2}>Settings</Title>
          <Text c="dimmed">How Hearth describes your business. Everything here is stored on this computer.</Text>
        </div>
        <YourName />
        <Appearance />
        <RegionalSettings />
        <PipelinesEditor />
        <ScoringEditor />
        <LeadSourcesEditor />
        <LostReasonsEditor />
        <ProductsSettings />
        <PurchaseRulesSettings />
        <OnboardingSettings />
        <ServiceLevelsSettings />
        <SurveyRulesSettings />
        <TagsOverview />
        <EmailSettings />
        <SendingRules />
        <MergeFieldsEditor />
        <CalendarSettings />
        <DataFolderSettings />
        <YourData />
      </Stack>
    </ScrollArea>
  );
}
