import { beforeEach, describe, expect, it, vi } from "vitest";
import { configure, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Report, ReportParams } from "../bindings";
import { currentPath, renderApp } from "../test/render";
import { ReportView } from "./ReportView";
import { commands, dashboard, drillRecords, funnelSection } from "./testing";

vi.mock("../bindings", async () => (await import("./testing")).bindings);

// Two busy cores: give screens time to settle.
configure({ asyncUtilTimeout: 5000 });

const params: ReportParams = { from: "2026-01-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z", segment_id: "s-1", pipeline_id: null };
const view = (report: Report = dashboard()) => renderApp(<ReportView report={report} params={params} />);

describe("ReportView", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    // No canvas under jsdom: charts must stay out of the way, not fail.
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  });

  it("shows every figure in its unit with the change against the previous period", () => {
    view();
    expect(screen.getByTestId("figure-value-new_customers")).toHaveTextContent(/^31$/);
    expect(screen.getByTestId("figure-value-added")).toHaveTextContent(/^1,234$/);
    expect(screen.getByTestId("figure-value-churn")).toHaveTextContent(/^4\.5%$/);
    expect(screen.getByTestId("figure-value-revenue_eur")).toHaveTextContent(/€1,250\.50/);
    expect(screen.getByTestId("figure-delta-new_customers")).toHaveTextContent("▲ 6 (+24%)");
    // Churn went up: bad news.
    expect(screen.getByTestId("figure-delta-churn")).toHaveTextContent("▲ 1.5 pts");
    expect(screen.getByTestId("figure-delta-churn")).toHaveAttribute("data-direction", "up");
    expect(screen.getByTestId("figure-revenue_eur")).toHaveTextContent("nothing to compare with");
  });

  it("gives each figure its definition, as a tooltip and for screen readers", async () => {
    view();
    const card = screen.getByTestId("figure-new_customers");
    const def = "Contacts that first became a Customer (or Loyal customer) in the period.";
    expect(document.getElementById(card.getAttribute("aria-describedby")!)).toHaveTextContent(def);
    await userEvent.hover(screen.getByTestId("figure-info-new_customers"));
    expect(await screen.findByRole("tooltip")).toHaveTextContent(def);
  });

  it("shows the columns' definitions on their headers", async () => {
    view();
    await userEvent.hover(within(screen.getByTestId("column-funnel-step")).getByText("From the stage before"));
    expect(await screen.findByRole("tooltip")).toHaveTextContent("Reached this stage ÷ reached the stage before.");
  });

  it("formats the table's cells by unit and currency", () => {
    view();
    expect(screen.getByTestId("section-funnel")).toBeInTheDocument();
    expect(screen.getByTestId("cell-funnel-act-reached")).toHaveTextContent("60");
    expect(screen.getByTestId("cell-funnel-act-step")).toHaveTextContent("50%");
    expect(screen.getByTestId("cell-funnel-reach-step")).toHaveTextContent("—");
    expect(screen.getByTestId("cell-revenue-2026-01:EUR-revenue")).toHaveTextContent("€1,250.50");
    expect(screen.getByTestId("report-notes")).toHaveTextContent("Predicted CLV = average order value");
  });

  it("opens the records behind a cell, asked with the report's params, each a link to its record", async () => {
    view();
    expect(screen.queryByTestId("record-c-1")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("cell-funnel-act-reached"));
    expect(commands.reportRecords).toHaveBeenCalledWith("dashboard", params, "funnel:1");
    const drawer = await screen.findByTestId("records-drawer");
    expect(await within(drawer).findByTestId("records-count")).toHaveTextContent("612 contacts (showing the first 2)");
    expect(within(drawer).getByText("Act · Reached")).toBeInTheDocument();
    expect(within(drawer).getByTestId("record-c-1")).toHaveTextContent("Customer · Analytical Engines");
    // A cell without records behind it is plain text.
    expect(within(screen.getByTestId("cell-funnel-act-step")).queryByRole("button")).toBeNull();
    await userEvent.click(within(drawer).getByRole("link", { name: "Ada Lovelace" }));
    await waitFor(() => expect(currentPath).toBe("/contacts/c-1"));
  });

  it("opens the records behind a figure; an order opens in the order drawer", async () => {
    commands.reportRecords.mockImplementation(() => Promise.resolve({
      status: "ok" as const,
      data: drillRecords({ kind: "orders", total: 1, records: [{ id: "o-1", label: "Order 1001", detail: "2026-01-05 · EUR 12.50" }] }),
    }));
    view();
    // A figure without records is not a button.
    expect(screen.getByTestId("figure-new_customers")).not.toHaveAttribute("role");
    await userEvent.click(screen.getByTestId("figure-revenue_eur"));
    expect(commands.reportRecords).toHaveBeenCalledWith("dashboard", params, "paid");
    expect(await screen.findByTestId("records-count")).toHaveTextContent(/^1 order$/);
    expect(screen.queryByRole("link", { name: "Order 1001" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Order 1001" }));
    await waitFor(() => expect(commands.orderGet).toHaveBeenCalledWith("o-1"));
  });

  it("says what data is needed instead of drawing empty charts", () => {
    view(dashboard({
      empty: "Nothing happened in this period yet.",
      sections: [funnelSection({ rows: [], empty: "No contacts were added in this period." })],
    }));
    expect(screen.getByTestId("report-empty")).toHaveTextContent("Nothing happened in this period yet.");
    // With nothing at all, sections without rows would only repeat it.
    expect(screen.queryByTestId("section-funnel")).not.toBeInTheDocument();
    expect(screen.getByTestId("figure-new_customers")).toBeInTheDocument();
  });

  it("shows a section's own empty state in place of its chart and table", () => {
    view(dashboard({ sections: [funnelSection({ rows: [], empty: "No contacts were added in this period." })] }));
    const s = screen.getByTestId("section-funnel");
    expect(within(s).getByTestId("section-empty-funnel")).toHaveTextContent("No contacts were added in this period.");
    expect(within(s).queryByRole("table")).toBeNull();
    expect(within(s).queryByTestId("chart-funnel")).toBeNull();
  });
});
