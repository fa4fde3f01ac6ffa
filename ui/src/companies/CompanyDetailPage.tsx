// One company: header, inline-editable fields, its contacts and its timeline.
import { useCallback, useState } from "react";
import { ActionIcon, Alert, Anchor, Avatar, Button, Center, Grid, Group, Loader, ScrollArea, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconArrowLeft, IconPencil, IconTrash, IconWorld } from "@tabler/icons-react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { commands, type CompanyInput } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { RecordHistory } from "../history/RecordHistory";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { RelatedDeals } from "../deals/RelatedDeals";
import { PurchasesCard } from "../orders/PurchasesCard";
import { Timeline } from "../activities/Timeline";
import { CompanyFields } from "./CompanyFields";
import { CompanyFormModal } from "./CompanyFormModal";
import { companyInputFromDetail } from "./companyForm";
import { deleteCompanyWithUndo } from "./deleteCompany";

export type SaveCompanyField = (patch: (i: CompanyInput) => CompanyInput, field: string) => Promise<string | null>;

export function CompanyDetailPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { changed, version } = useData();
  const { data: company, error, loading, setData, reload } = useLoad(() => call(commands.companyGet(id)), [id, version]);
  const [editing, setEditing] = useState(false);

  const saveField: SaveCompanyField = useCallback(
    async (patch, field) => {
      if (!company) return null;
      try {
        setData(await call(commands.companyUpdate(company.id, patch(companyInputFromDetail(company)))));
        changed();
        return null;
      } catch (e) {
        const mine = fieldErrors(coreOf(e));
        if (mine[field]) return mine[field];
        notifyError(e);
        return errorMessage(coreOf(e));
      }
    },
    [company, setData, changed],
  );

  if (loading && !company) {
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  }
  if (error || !company) {
    return (
      <Stack p="lg" maw={560}>
        <Alert color="red" title="Can't show this company">{errorMessage(error)}</Alert>
        <Button component={Link} to="/companies" variant="default" leftSection={<IconArrowLeft size={16} />} w="fit-content">
          Back to companies
        </Button>
      </Stack>
    );
  }

  return (
    <ScrollArea h="100%" data-testid="company-detail">
      <Stack p="lg" gap="lg" maw={1400}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Tooltip label="Back to companies">
              <ActionIcon component={Link} to="/companies" variant="subtle" color="gray" aria-label="Back to companies">
                <IconArrowLeft size={18} />
              </ActionIcon>
            </Tooltip>
            <Avatar size={56} radius="md" color="indigo">{company.name.slice(0, 2).toUpperCase()}</Avatar>
            <Stack gap={2}>
              <Title order={2} data-testid="company-name">{company.name}</Title>
              <Group gap="sm">
                {company.domain && (
                  <Anchor href={`https://${company.domain}`} target="_blank" rel="noreferrer" size="sm">
                    <Group gap={4} wrap="nowrap"><IconWorld size={14} />{company.domain}</Group>
                  </Anchor>
                )}
                <Text size="sm" c="dimmed">
                  {company.industry ?? "No industry"} · {company.contact_count} {company.contact_count === 1 ? "contact" : "contacts"}
                </Text>
              </Group>
            </Stack>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="edit-company">
              Edit
            </Button>
            <Tooltip label="Delete company">
              <ActionIcon variant="light" color="red" size="lg" aria-label="Delete company" data-testid="delete-company"
                onClick={() => deleteCompanyWithUndo(company, navigate, changed)}>
                <IconTrash size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        <Grid gutter="xl">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack>
              <CompanyFields company={company} saveField={saveField} />
              <RelatedDeals company={{ id: company.id, name: company.name }} />
              <PurchasesCard id={company.id} company name={company.name} />
              <RecordHistory entity="companies" id={company.id} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Timeline companyId={company.id} onChanged={reload} />
          </Grid.Col>
        </Grid>
      </Stack>
      {editing && (
        <CompanyFormModal detail={company} onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setData(saved);
            setEditing(false);
            changed();
          }} />
      )}
    </ScrollArea>
  );
}
