// The app frame: sidebar, header with search, status line, routes, global shortcuts.
import { AppShell, Badge, Group, Kbd, NavLink, ScrollArea, Text, UnstyledButton } from "@mantine/core";
import { spotlight } from "@mantine/spotlight";
import { IconFlame, IconSearch } from "@tabler/icons-react";
import { DealDetailPage } from "../deals/DealDetailPage";
import { DealsPage } from "../deals/DealsPage";
import { Link, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { ContactsPage } from "../contacts/ContactsPage";
import { ContactDetailPage } from "../contacts/ContactDetailPage";
import { CompaniesPage } from "../companies/CompaniesPage";
import { CompanyDetailPage } from "../companies/CompanyDetailPage";
import { TodayPage } from "../activities/TodayPage";
import { SettingsPage } from "../settings/SettingsPage";
import { SearchSpotlight } from "../search/SearchSpotlight";
import { MoveDealHost } from "../deals/MoveDealModal";
import { ScreenBoundary } from "./ScreenBoundary";
import { useData } from "../lib/data";
import { ComingSoon } from "./ComingSoon";
import { CreateProvider } from "./create";
import { Shortcuts } from "./Shortcuts";
import { COMING, DATA_NAV, MAIN_NAV, SETTINGS_NAV, modKey, type NavItem } from "./nav";
import { ImportPage } from "../import/ImportPage";
import { DuplicatesPage } from "../duplicates/DuplicatesPage";
import { BackupsPage } from "../backups/BackupsPage";
import { HistoryPage } from "../history/HistoryPage";
import { SegmentsPage } from "../segments/SegmentsPage";
import { QualityPage } from "../hygiene/QualityPage";
import { SequencesPage } from "../sequences/SequencesPage";
import { SequenceEditorPage } from "../sequences/SequenceEditorPage";
import { OutboxPage } from "../outbox/OutboxPage";
import { CustomersPage } from "../orders/CustomersPage";
import { TicketsPage } from "../tickets/TicketsPage";
import { TicketPage } from "../tickets/TicketPage";
import { DashboardPage } from "../reports/DashboardPage";
import { ReportPage } from "../reports/ReportPage";
import { useAdoptTimeZone } from "./timeZone";
import classes from "./Shell.module.css";
import { formatNumber } from "../lib/numbers";

function NavEntry({ item }: { item: NavItem }) {
  const { pathname } = useLocation();
  const Icon = item.icon;
  return (
    <NavLink
      component={Link}
      to={item.path}
      label={item.label}
      leftSection={<Icon size={18} stroke={1.6} />}
      rightSection={item.coming ? <Badge size="xs" variant="light" color="gray">coming</Badge> : undefined}
      active={pathname === item.path || pathname.startsWith(`${item.path}/`)}
      data-testid={item.testId}
      className={classes.navLink}
    />
  );
}

export function Shell() {
  const { status, landing } = useData();
  const { pathname } = useLocation();
  useAdoptTimeZone();
  return (
    <CreateProvider>
      <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 0 }} footer={{ height: 28 }} padding={0}>
        <AppShell.Header className={classes.header}>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap={8} w={200} wrap="nowrap">
              <IconFlame size={26} color="var(--mantine-color-ember-6)" />
              <Text fw={700} size="lg">
                Hearth
              </Text>
            </Group>
            <UnstyledButton className={classes.search} onClick={() => spotlight.open()} data-testid="search-button">
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Group gap="xs" wrap="nowrap">
                  <IconSearch size={16} stroke={1.6} />
                  <Text size="sm" c="dimmed">
                    Search or type a command
                  </Text>
                </Group>
                <Group gap={2} wrap="nowrap">
                  <Kbd size="xs">{modKey}</Kbd>
                  <Kbd size="xs">K</Kbd>
                </Group>
              </Group>
            </UnstyledButton>
            <Group w={200} justify="flex-end">
              <Text size="xs" c="dimmed">
                Press <Kbd size="xs">?</Kbd> for shortcuts
              </Text>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm">
          <AppShell.Section grow component={ScrollArea}>
            {MAIN_NAV.map((i) => (
              <NavEntry key={i.path} item={i} />
            ))}
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="lg" mb={4} px="sm">
              Your data
            </Text>
            {DATA_NAV.map((i) => (
              <NavEntry key={i.path} item={i} />
            ))}
            {COMING.length > 0 && (
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="lg" mb={4} px="sm">
                Growing soon
              </Text>
            )}
            {COMING.map((i) => (
              <NavEntry key={i.path} item={i} />
            ))}
          </AppShell.Section>
          <AppShell.Section>
            <NavEntry item={SETTINGS_NAV} />
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main className={classes.main}>
          <ScreenBoundary resetKey={pathname}>
          <Routes>
            <Route path="/" element={<Navigate to={landing} replace />} />
            <Route path="/today" element={<TodayPage />} />
            <Route path="/contacts" element={<ContactsPage />} />
            <Route path="/contacts/:id" element={<ContactDetailPage />} />
            <Route path="/companies" element={<CompaniesPage />} />
            <Route path="/companies/:id" element={<CompanyDetailPage />} />
            <Route path="/pipeline" element={<DealsPage />} />
            <Route path="/deals/:id" element={<DealDetailPage />} />
            <Route path="/import" element={<ImportPage />} />
            <Route path="/duplicates" element={<DuplicatesPage />} />
            <Route path="/quality" element={<QualityPage />} />
            <Route path="/backups" element={<BackupsPage />} />
            <Route path="/history" element={<HistoryPage />} />
            <Route path="/segments" element={<SegmentsPage />} />
            <Route path="/sequences" element={<SequencesPage />} />
            <Route path="/sequences/:id" element={<SequenceEditorPage />} />
            <Route path="/outbox" element={<OutboxPage />} />
            <Route path="/customers" element={<CustomersPage />} />
            <Route path="/tickets" element={<TicketsPage />} />
            <Route path="/tickets/:id" element={<TicketPage />} />
            <Route path="/reports" element={<DashboardPage />} />
            <Route path="/reports/:name" element={<ReportPage />} />
            {COMING.map((i) => (
              <Route key={i.path} path={i.path} element={<ComingSoon item={i} />} />
            ))}
            <Route path="/settings" element={<SettingsPage />} />
            <Route path="*" element={<Navigate to="/today" replace />} />
          </Routes>
          </ScreenBoundary>
        </AppShell.Main>
        <AppShell.Footer className={classes.footer}>
          <Group h="100%" px="md" justify="space-between">
            <Text size="xs" c="dimmed">
              {status
                ? `${formatNumber(status.contact_count)} contacts · ${formatNumber(status.company_count)} companies`
                : ""}
            </Text>
            <Text size="xs" c="dimmed">
              Stored on this computer{status ? ` · Hearth ${status.version}` : ""}
            </Text>
          </Group>
        </AppShell.Footer>
      </AppShell>
      <SearchSpotlight />
      <Shortcuts />
      <MoveDealHost />
    </CreateProvider>
  );
}
