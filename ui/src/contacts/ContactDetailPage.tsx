// One contact: header, editable fields, history and the activity timeline.
import { useCallback, useState } from "react";
import { Alert, Button, Center, Grid, Loader, ScrollArea, Stack } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { commands, type ContactDetail, type ContactInput } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { RecordHistory } from "../history/RecordHistory";
import { ScoreCard } from "../scoring/ScoreCard";
import { QualificationCard } from "../scoring/QualificationCard";
import { PriorityCard } from "../tiers/PriorityCard";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { RelatedDeals } from "../deals/RelatedDeals";
import { PrivacyCard } from "../privacy/PrivacyCard";
import { ContactSequences } from "../sequences/ContactSequences";
import { PurchasesCard } from "../orders/PurchasesCard";
import { OnboardingCard } from "../onboarding/OnboardingCard";
import { SuggestionsCard } from "../suggestions/SuggestionsCard";
import { StayInTouchCard } from "../suggestions/StayInTouchCard";
import { SatisfactionCard } from "../surveys/SatisfactionCard";
import { ReviewsCard } from "../referrals/ReviewsCard";
import { ContactTickets } from "../tickets/ContactTickets";
import { Timeline } from "../activities/Timeline";
import { ContactFormModal } from "./ContactFormModal";
import { ContactHeader } from "./ContactHeader";
import { ContactFields } from "./ContactFields";
import { inputFromDetail } from "./contactForm";
import { deleteContactWithUndo } from "./deleteContact";

export type SaveField = (patch: (i: ContactInput) => ContactInput, field: string) => Promise<string | null>;

export function ContactDetailPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { changed, version } = useData();
  const { data: contact, error, loading, setData, reload } = useLoad(() => call(commands.contactGet(id)), [id, version]);
  const [editing, setEditing] = useState(false);

  const saveField: SaveField = useCallback(
    async (patch, field) => {
      if (!contact) return null;
      try {
        const saved = await call(commands.contactUpdate(contact.id, patch(inputFromDetail(contact))));
        setData(saved);
        changed();
        return null;
      } catch (e) {
        const mine = fieldErrors(coreOf(e));
        const forField = mine[field] ?? Object.entries(mine).find(([k]) => k.startsWith(`${field}.`))?.[1];
        if (forField) return forField;
        notifyError(e);
        return errorMessage(coreOf(e));
      }
    },
    [contact, setData, changed],
  );

  if (loading && !contact) {
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  }
  if (error || !contact) {
    return (
      <Stack p="lg" maw={560}>
        <Alert color="red" title="Can't show this contact">
          {errorMessage(error)}
        </Alert>
        <Button component={Link} to="/contacts" variant="default" leftSection={<IconArrowLeft size={16} />} w="fit-content">
          Back to contacts
        </Button>
      </Stack>
    );
  }

  const onStage = async (stage: ContactDetail["lifecycle_stage"]) => {
    try {
      setData(await call(commands.contactSetStage(contact.id, stage)));
      changed();
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <ScrollArea h="100%" data-testid="contact-detail">
      <Stack p="lg" gap="lg" maw={1400}>
        <ContactHeader
          contact={contact}
          onStage={onStage}
          onEdit={() => setEditing(true)}
          onDelete={() => deleteContactWithUndo(contact, navigate, changed)}
        />
        <Grid gutter="xl">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack>
              <ScoreCard contactId={contact.id} />
              <PriorityCard contactId={contact.id} />
              <PurchasesCard id={contact.id} name={contact.display_name} />
              <OnboardingCard contactId={contact.id} />
              <SuggestionsCard contactId={contact.id} />
              <StayInTouchCard contactId={contact.id} />
              <ContactFields contact={contact} saveField={saveField} />
              <QualificationCard contactId={contact.id} />
              <RelatedDeals contact={{ id: contact.id, name: contact.display_name }}
                company={contact.company ?? undefined} />
              <ContactSequences contactId={contact.id} />
              <ContactTickets contactId={contact.id} />
              <SatisfactionCard contactId={contact.id} />
              <ReviewsCard contactId={contact.id} />
              <PrivacyCard contact={contact} />
              <RecordHistory entity="contacts" id={contact.id} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Timeline contactId={contact.id} onChanged={reload} />
          </Grid.Col>
        </Grid>
      </Stack>
      {editing && (
        <ContactFormModal
          detail={contact}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setData(saved);
            setEditing(false);
            changed();
          }}
        />
      )}
    </ScrollArea>
  );
}
