import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, configure, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { spotlight } from "@mantine/spotlight";
import type { DealCard, DealDetail, Stage } from "../bindings";
import { CreateProvider } from "../app/create";
import { Shortcuts } from "../app/Shortcuts";
import { commands, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { SearchSpotlight } from "../search/SearchSpotlight";
import { destinations, MoveDealHost } from "./MoveDealModal";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);
configure({ asyncUtilTimeout: 5000 });

const stage = (id: string, name: string, kind: Stage["kind"], position: number): Stage =>
  ({ id, pipeline_id: "p-1", name, position, kind, probability: 50, rotting_days: null, deal_count: 0 });
const STAGES = [stage("s-lead", "Lead", "open", 0), stage("s-prop", "Proposal", "open", 1), stage("s-won", "Won", "won", 2), stage("s-lost", "Lost", "lost", 3)];
const deal = { id: "d-1", title: "Bakery website", status: "open", stage: STAGES[0], pipeline: { id: "p-1", name: "Sales" }, version: 7 } as unknown as DealDetail;
const card = { id: "d-1", title: "Bakery website", stage_id: "s-lead", stage_name: "Lead", status: "open" } as unknown as DealCard;

const mocks = {
  dealsList: vi.fn(async () => ok({ cards: [card], total: 1, offset: 0 })),
  dealGet: vi.fn(async () => ok(deal)),
  dealMove: vi.fn(async () => ok(deal)),
  lostReasonsList: vi.fn(async () => ok([{ id: "lr-1", name: "Price", archived: false, position: 0, deal_count: 0 }])),
};

const open = async (path: string, command: string) => {
  renderApp(<CreateProvider><SearchSpotlight /><Shortcuts /><MoveDealHost /></CreateProvider>, path);
  await userEvent.keyboard("{Control>}k{/Control}");
  await userEvent.type(await screen.findByTestId("search-input"), "move");
  await userEvent.click(await screen.findByRole("button", { name: command }));
  return screen.findByRole("dialog", { name: "Move a deal" });
};

describe("moving a deal from the command palette", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    Object.assign(commands, mocks);
    Object.assign(commands, { pipelinesList: vi.fn(async () => ok([{ id: "p-1", name: "Sales", position: 0, stages: STAGES }])) });
    act(() => spotlight.close());
  });

  it("offers every other stage, won and lost", () => {
    expect(destinations(STAGES, "s-lead").map((d) => d.label)).toEqual(["Proposal", "Won", "Lost (asks why)"]);
  });

  it("finds the deal by name and moves it to the chosen stage", async () => {
    await open("/today", "Move a deal");
    await userEvent.type(screen.getByTestId("move-deal-pick"), "bakery");
    await waitFor(() => expect(mocks.dealsList).toHaveBeenLastCalledWith(expect.objectContaining({ filter: expect.objectContaining({ text: "bakery" }) })));
    await userEvent.click(await screen.findByRole("option", { name: "Bakery website · Lead", hidden: true }));
    await waitFor(() => expect(screen.getByTestId("move-deal-stage")).not.toBeDisabled());
    await userEvent.click(screen.getByTestId("move-deal-stage"));
    await userEvent.click(await screen.findByRole("option", { name: "Proposal", hidden: true }));
    await userEvent.click(screen.getByTestId("move-deal-save"));
    await waitFor(() => expect(mocks.dealMove).toHaveBeenCalledWith(expect.objectContaining({ deal_id: "d-1", stage_id: "s-prop", expected_version: 7, lost_reason_id: null })));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Move a deal" })).toBeNull());
  });

  it("on a deal's page moves that deal, and asks why when it is lost", async () => {
    const dialog = await open("/deals/d-1", "Move this deal");
    expect(await screen.findByText(/is in/)).toHaveTextContent("“Bakery website” is in Lead.");
    expect(screen.queryByTestId("move-deal-pick")).toBeNull();
    expect(dialog).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("move-deal-stage"));
    await userEvent.click(await screen.findByRole("option", { name: "Lost (asks why)", hidden: true }));
    await userEvent.click(screen.getByTestId("move-deal-save"));
    expect(mocks.dealMove).not.toHaveBeenCalled();
    await userEvent.click(await screen.findByTestId("lost-reason"));
    await userEvent.click(await screen.findByRole("option", { name: "Price", hidden: true }));
    await userEvent.click(screen.getByTestId("lost-save"));
    await waitFor(() => expect(mocks.dealMove).toHaveBeenCalledWith(expect.objectContaining({ deal_id: "d-1", stage_id: "s-lost", lost_reason_id: "lr-1" })));
  });
});
