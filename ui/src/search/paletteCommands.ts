// What the command palette can do besides finding contacts and companies: go to every screen,
// open every report, and run the common actions (new contact/company, undo/redo, shortcuts help).
import { useMemo } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconBuildingPlus,
  IconChartBar,
  IconKeyboard,
  IconArrowsRightLeft,
  IconPhoneCall,
  IconTargetArrow,
  IconUserPlus,
  type Icon,
} from "@tabler/icons-react";
import { commands, type ReportInfo, type ReportName } from "../bindings";
import { useCreate } from "../app/create";
import { setHelpOpen } from "../app/help";
import { requestIntent } from "../app/intents";
import { openMoveDeal } from "../deals/MoveDealModal";
import { DATA_NAV, MAIN_NAV, SETTINGS_NAV } from "../app/nav";
import { redoLast, undoAction } from "../history/undo";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { REPORT_NAMES } from "../reports/ReportPage";
import { reportPath } from "../reports/ReportList";

export interface PaletteCommand {
  id: string;
  label: string;
  group: "Go to" | "Reports" | "Actions";
  icon: Icon;
  run: () => void;
}

/** "lost_reasons" → "Lost reasons": the title until the catalog has answered. */
const titleOf = (name: ReportName, catalog: ReportInfo[] | null) =>
  catalog?.find((r) => r.name === name)?.title ?? (name.charAt(0).toUpperCase() + name.slice(1)).replace(/_/g, " ");

export function usePaletteCommands(): PaletteCommand[] {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { newContact, newCompany } = useCreate();
  const { changed } = useData();
  // `async` so a missing command (in tests) becomes a failed load, not a crash.
  const { data: catalog } = useLoad(async () => commands.reportsCatalog(), []);

  return useMemo(() => {
    const dealOnPage = /^\/deals\/([^/]+)$/.exec(pathname)?.[1] ?? null;
    const screens: PaletteCommand[] = [...MAIN_NAV, ...DATA_NAV, SETTINGS_NAV].map((n) => ({
      id: `go:${n.path}`,
      label: `Go to ${n.label}`,
      group: "Go to",
      icon: n.icon,
      run: () => navigate(n.path),
    }));
    const reports: PaletteCommand[] = REPORT_NAMES.filter((name) => name !== "dashboard").map((name) => ({
      id: `report:${name}`,
      label: `Open report: ${titleOf(name, catalog)}`,
      group: "Reports",
      icon: IconChartBar,
      run: () => navigate(reportPath(name)),
    }));
    const actions: PaletteCommand[] = [
      { id: "new-contact", label: "New contact", group: "Actions", icon: IconUserPlus, run: () => newContact() },
      { id: "new-company", label: "New company", group: "Actions", icon: IconBuildingPlus, run: () => newCompany() },
      {
        id: "new-deal",
        label: "New deal",
        group: "Actions",
        icon: IconTargetArrow,
        run: () => {
          requestIntent("new-deal");
          if (pathname !== "/pipeline") navigate("/pipeline");
        },
      },
      {
        id: "move-deal",
        label: dealOnPage ? "Move this deal" : "Move a deal",
        group: "Actions",
        icon: IconArrowsRightLeft,
        run: () => openMoveDeal(dealOnPage),
      },
      { id: "undo", label: "Undo the last change", group: "Actions", icon: IconArrowBackUp, run: () => void undoAction(null, changed) },
      { id: "redo", label: "Redo what you just undid", group: "Actions", icon: IconArrowForwardUp, run: () => void redoLast(changed) },
      { id: "help", label: "Keyboard shortcuts", group: "Actions", icon: IconKeyboard, run: () => setHelpOpen(true) },
    ];
    // On a contact's, company's or deal's page: log a call on it (its timeline's form).
    if (/^\/(contacts|companies|deals)\/[^/]+$/.test(pathname)) {
      actions.splice(4, 0, { id: "log-call", label: "Log a call here", group: "Actions", icon: IconPhoneCall, run: () => requestIntent("log-call") });
    }
    return [...screens, ...reports, ...actions];
  }, [navigate, pathname, newContact, newCompany, changed, catalog]);
}
