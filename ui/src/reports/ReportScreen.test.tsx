import { beforeEach, describe, expect, it, vi } from "vitest";
import { configure, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Notifications } from "@mantine/notifications";
import { Route, Routes, useLocation } from "react-router-dom";
import type { ReportParams } from "../bindings";
import { fail } from "../test/fixtures";
import { renderApp } from "../test/render";
import { DashboardPage } from "./DashboardPage";
import { ReportPage } from "./ReportPage";
import { commands, dashboard } from "./testing";

vi.mock("../bindings", async () => (await import("./testing")).bindings);
vi.mock("../goals/GoalsPanel", () => ({ GoalsPanel: () => <div data-testid="goals-panel" /> }));

// Two busy cores: give screens time to settle.
configure({ asyncUtilTimeout: 5000 });

let location = { pathname: "", search: "" };
function Spy() {
  const l = useLocation();
  location = { pathname: l.pathname, search: l.search };
  return null;
}

const screenAt = (path: string) =>
  renderApp(
    <>
      <Notifications />
      <Routes>
        <Route path="/reports" element={<DashboardPage />} />
        <Route path="/reports/:name" element={<ReportPage />} />
      </Routes>
      <Spy />
    </>,
    path,
  );

const DAY = 86_400_000;
const lastRun = (): [string, ReportParams] => commands.reportRun.mock.calls.at(-1) as unknown as [string, ReportParams];
const days = (p: ReportParams) => Math.round((new Date(p.to).getTime() - new Date(p.from).getTime()) / DAY);

describe("reports screen", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
    commands.reportRun.mockImplementation((...args: unknown[]) => Promise.resolve({ status: "ok" as const, data: dashboard({ name: args[0] as "dashboard" }) }));
  });

  it("opens the dashboard on the last 90 days, with its figures, sections and goals", async () => {
    screenAt("/reports");
    expect(await screen.findByTestId("figure-value-new_customers")).toHaveTextContent(/^31$/);
    const [name, p] = lastRun();
    expect(name).toBe("dashboard");
    expect(days(p)).toBe(90);
    expect(p).toMatchObject({ segment_id: null, pipeline_id: null });
    expect(Math.abs(new Date(p.to).getTime() - Date.now())).toBeLessThan(60_000);
    expect(screen.getByTestId("section-funnel")).toBeInTheDocument();
    expect(screen.getByTestId("section-revenue")).toBeInTheDocument();
    expect(screen.getByTestId("goals-panel")).toBeInTheDocument();
    expect(screen.getByTestId("report-previous")).toHaveTextContent(/compared with/);
    expect(screen.getByTestId("report-link-dashboard")).toHaveAttribute("data-active", "true");
  });

  it("lists the reports in their groups", async () => {
    screenAt("/reports");
    const list = await screen.findByTestId("report-list");
    await within(list).findByTestId("report-link-cohorts");
    expect(list).toHaveTextContent(/Dashboard.*Sales & marketing.*Lifecycle funnel.*Pipeline funnel.*Activity.*Retention.*Cohort retention.*Service.*Service health/);
  });

  it("takes the filter from the URL and keeps it when moving to another report", async () => {
    screenAt("/reports?range=d30&segment=s-1");
    await screen.findByTestId("figure-new_customers");
    expect(days(lastRun()[1])).toBe(30);
    expect(lastRun()[1].segment_id).toBe("s-1");
    await userEvent.click(await screen.findByTestId("report-link-cohorts"));
    await waitFor(() => expect(location.pathname).toBe("/reports/cohorts"));
    expect(location.search).toBe("?range=d30&segment=s-1");
    await waitFor(() => expect(lastRun()[0]).toBe("cohorts"));
    expect(days(lastRun()[1])).toBe(30);
  });

  it("opens a report on its own default period, and a chosen preset goes into the URL", async () => {
    screenAt("/reports/cohorts");
    await waitFor(() => expect(lastRun()[0]).toBe("cohorts"));
    expect(days(lastRun()[1])).toBe(365);
    await userEvent.click(screen.getByTestId("report-range"));
    await userEvent.click(await screen.findByRole("option", { name: "Last 30 days", hidden: true }));
    await waitFor(() => expect(location.search).toBe("?range=d30"));
    await waitFor(() => expect(days(lastRun()[1])).toBe(30));
  });

  it("starts a custom range from the days shown, and runs it with whole days", async () => {
    screenAt("/reports?range=year");
    await screen.findByTestId("figure-new_customers");
    const year = new Date().getFullYear();
    await userEvent.click(screen.getByTestId("report-range"));
    await userEvent.click(await screen.findByRole("option", { name: "Custom range", hidden: true }));
    const today = new Date();
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    await waitFor(() => expect(location.search).toBe(`?from=${year}-01-01&to=${day(today)}`));
    expect(screen.getByTestId("report-custom-range")).toBeInTheDocument();
    await waitFor(() => expect(lastRun()[1]).toMatchObject({
      from: new Date(year, 0, 1).toISOString(),
      to: new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).toISOString(),
    }));
  });

  it("filters by segment", async () => {
    screenAt("/reports/funnel");
    await screen.findByTestId("figure-new_customers");
    await userEvent.click(screen.getByTestId("report-segment"));
    await userEvent.click(await screen.findByRole("option", { name: "Customers gone quiet", hidden: true }));
    await waitFor(() => expect(location.search).toBe("?segment=s-1"));
    await waitFor(() => expect(lastRun()[1].segment_id).toBe("s-1"));
    expect(screen.queryByTestId("report-pipeline")).toBeNull();
  });

  it("offers the pipeline only on the pipeline funnel", async () => {
    screenAt("/reports/pipeline?pipeline=p-1");
    expect(await screen.findByTestId("report-pipeline")).toBeInTheDocument();
    await waitFor(() => expect(lastRun()).toEqual(["pipeline", expect.objectContaining({ pipeline_id: "p-1" })]));
  });

  it("saves the report as CSV where the person picks", async () => {
    screenAt("/reports?from=2026-01-01&to=2026-03-31");
    await screen.findByTestId("figure-new_customers");
    expect(lastRun()[1]).toMatchObject({ from: new Date(2026, 0, 1).toISOString(), to: new Date(2026, 3, 1).toISOString() });
    await userEvent.click(screen.getByTestId("report-export"));
    await userEvent.click(await screen.findByTestId("report-save-csv"));
    await waitFor(() => expect(commands.pickSaveFile).toHaveBeenCalledWith("hearth-dashboard-2026-01-01-2026-03-31.csv"));
    await waitFor(() => expect(commands.reportSaveCsv).toHaveBeenCalledWith("dashboard", lastRun()[1], "/tmp/report.csv"));
    expect(await screen.findByText("CSV saved to /tmp/report.csv")).toBeInTheDocument();
  });

  it("explains a report that cannot be run", async () => {
    commands.reportRun.mockImplementation(() => fail({ kind: "not_found", entity: "segment", id: "s-9" }));
    screenAt("/reports?segment=s-9");
    expect(await screen.findByTestId("report-error")).toHaveTextContent("This segment no longer exists");
  });

  it("leads an unknown report to the dashboard", async () => {
    screenAt("/reports/nonsense?range=d30");
    await waitFor(() => expect(location.pathname).toBe("/reports"));
    expect(location.search).toBe("?range=d30");
  });
});
