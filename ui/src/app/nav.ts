import {
  IconAddressBook,
  IconBuildingStore,
  IconCalendarCheck,
  IconChartBar,
  IconCopy,
  IconDatabase,
  IconFilter,
  IconFileImport,
  IconHistory,
  IconSparkles,
  IconHeartHandshake,
  IconLayoutKanban,
  IconLifebuoy,
  IconMail,
  IconMailForward,
  IconSettings,
  type Icon,
} from "@tabler/icons-react";

export interface NavItem {
  path: string;
  label: string;
  icon: Icon;
  testId?: string;
  coming?: boolean;
  /** For "coming" pages: what it will do. */
  blurb?: string;
}

export const MAIN_NAV: NavItem[] = [
  { path: "/today", label: "Today", icon: IconCalendarCheck, testId: "nav-today" },
  { path: "/contacts", label: "Contacts", icon: IconAddressBook, testId: "nav-contacts" },
  { path: "/companies", label: "Companies", icon: IconBuildingStore, testId: "nav-companies" },
  { path: "/reports", label: "Reports", icon: IconChartBar, testId: "nav-reports" },
  { path: "/pipeline", label: "Pipeline", icon: IconLayoutKanban, testId: "nav-pipeline" },
  { path: "/customers", label: "Customers", icon: IconHeartHandshake, testId: "nav-customers" },
  { path: "/tickets", label: "Support", icon: IconLifebuoy, testId: "nav-support" },
  { path: "/segments", label: "Segments", icon: IconFilter, testId: "nav-segments" },
  { path: "/sequences", label: "Sequences", icon: IconMailForward, testId: "nav-sequences" },
  { path: "/outbox", label: "Outbox", icon: IconMail, testId: "nav-outbox" },
];

export const DATA_NAV: NavItem[] = [
  { path: "/import", label: "Import", icon: IconFileImport, testId: "nav-import" },
  { path: "/duplicates", label: "Duplicates", icon: IconCopy, testId: "nav-duplicates" },
  { path: "/quality", label: "Data quality", icon: IconSparkles, testId: "nav-quality" },
  { path: "/history", label: "History", icon: IconHistory, testId: "nav-history" },
  { path: "/backups", label: "Backups", icon: IconDatabase, testId: "nav-backups" },
];

/** Parts announced but not built yet (none at the moment). */
export const COMING: NavItem[] = [];

export const SETTINGS_NAV: NavItem = { path: "/settings", label: "Settings", icon: IconSettings, testId: "nav-settings" };

export const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
export const modKey = isMac ? "⌘" : "Ctrl";
