import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, fail } from "../test/fixtures";
import { renderApp } from "../test/render";
import { SegmentModal } from "./SegmentModal";
import { SegmentsPage } from "./SegmentsPage";
import { FilterSummary } from "../criteria/FilterSummary";
import { PriorityCard } from "../tiers/PriorityCard";
import { TiersPanel } from "../tiers/TiersPanel";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

describe("segments", () => {
  beforeEach(() => vi.clearAllMocks());

  it("lists each segment with its live count, its rule in words and its conversion", async () => {
    renderApp(<SegmentsPage />, "/segments");
    const row = await screen.findByTestId("segment-row");
    expect(within(row).getByText("Customers gone quiet")).toBeInTheDocument();
    expect(within(row).getByTestId("segment-members")).toHaveTextContent("8");
    await waitFor(() => expect(within(row).getByTestId("filter-summary")).toHaveTextContent("Lifecycle stage is any of Customer and Last contacted not in the last 90 days"));
    expect(await within(row).findByText("25%")).toBeInTheDocument();
    expect(within(row).getByText(/1 of 4 leads/)).toBeInTheDocument();
    expect(within(row).getByTestId("segment-members").closest("a")).toHaveAttribute("href", "/contacts?segment=s-1");
  });

  it("counts while editing, shows the back end's objection on the condition's row, and saves the filter", async () => {
    // Like the back end: a condition without a value is refused, else it counts.
    commands.segmentCount.mockImplementation((...args: unknown[]) => {
      const f = args[0] as { rules: { values: string[] }[] };
      return f.rules.some((r) => r.values.length === 0)
        ? fail({ kind: "validation", errors: [{ field: "rules.0.values", code: "required", message: "Say which value the condition looks for." }] })
        : Promise.resolve({ status: "ok" as const, data: 42 });
    });
    const onSaved = vi.fn();
    renderApp(<SegmentModal segment={null} onClose={() => undefined} onSaved={onSaved} />);
    await userEvent.type(screen.getByTestId("segment-name"), "Annas");
    await userEvent.click(await screen.findByTestId("criteria-add"));
    expect(await screen.findByText("Say which value the condition looks for.")).toBeInTheDocument();
    await userEvent.type(screen.getByTestId("criteria-text"), "Anna");
    await waitFor(() => expect(screen.getByTestId("segment-live-count")).toHaveTextContent("42 contacts match now"));
    expect(screen.queryByText("Say which value the condition looks for.")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("segment-save"));
    await waitFor(() =>
      expect(commands.segmentCreate).toHaveBeenCalledWith({
        name: "Annas",
        description: null,
        filter: { join: "all", rules: [{ type: "condition", field: "first_name", op: "is", values: ["Anna"] }] },
      }),
    );
    expect(onSaved).toHaveBeenCalled();
  });

  it("writes groups in words with their join", async () => {
    renderApp(
      <FilterSummary filter={{ join: "all", rules: [
        { type: "condition", field: "score", op: "at_least", values: ["70"] },
        { type: "group", join: "any", rules: [{ type: "condition", field: "first_name", op: "contains", values: ["an"] }, { type: "condition", field: "first_name", op: "is_set", values: [] }] },
      ] }} />,
    );
    expect(await screen.findByTestId("filter-summary")).toHaveTextContent("Lead score is at least 70 and (First name contains an or First name is filled in)");
  });
});

describe("priority tiers and personas", () => {
  beforeEach(() => vi.clearAllMocks());

  it("shows each tier's handling beside its measured conversion, or says there were no leads", async () => {
    renderApp(<TiersPanel />);
    expect(await screen.findByTestId("tier-rate-a")).toHaveTextContent("100%");
    expect(screen.getByTestId("tier-rate-c")).toHaveTextContent("no leads");
    expect(screen.getByTestId("tier-a")).toHaveTextContent("Follow up within 1 day");
    expect(screen.getByTestId("tier-c")).toHaveTextContent("Everyone not in a tier above");
    expect(commands.tiersConversion).toHaveBeenCalledWith(expect.objectContaining({ from: expect.any(String), to: expect.any(String) }));
  });

  it("previews a tier's new rule and keeps the tier from testing itself", async () => {
    renderApp(<TiersPanel />);
    await userEvent.click(await screen.findByTestId("tier-edit-a"));
    await waitFor(() => expect(screen.getByTestId("tier-preview")).toHaveTextContent("A: 50"));
    await userEvent.click(screen.getByTestId("criteria-add"));
    const fields = screen.getAllByTestId("criteria-field");
    await userEvent.click(fields[fields.length - 1]);
    expect(screen.queryByRole("option", { name: "Priority tier", hidden: true })).not.toBeInTheDocument();
    expect((await screen.findAllByRole("option", { name: "Lead score", hidden: true })).length).toBeGreaterThan(0);
  });

  it("shows a contact's tier and persona, and a persona chosen by hand is sent", async () => {
    renderApp(<PriorityCard contactId="c-1" />);
    expect(await screen.findByTestId("contact-tier")).toHaveTextContent("Tier A");
    expect(screen.getByText(/Follow up within 1 day · support: Dedicated, same day/)).toBeInTheDocument();
    expect(screen.getByText("By rule: Busy café owner.")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("contact-persona"));
    await userEvent.click(await screen.findByRole("option", { name: "Busy café owner", hidden: true }));
    await waitFor(() => expect(commands.contactPersonaSet).toHaveBeenCalledWith("c-1", "p-1"));
  });
});
