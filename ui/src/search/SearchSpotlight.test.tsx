import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, configure, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Notifications } from "@mantine/notifications";
import { spotlight } from "@mantine/spotlight";
import type { SearchHit } from "../bindings";
import { CreateProvider } from "../app/create";
import { setHelpOpen } from "../app/help";
import { Shortcuts } from "../app/Shortcuts";
import { ok } from "../test/fixtures";
import { currentPath, renderApp } from "../test/render";
import { commands } from "../reports/testing";
import { SearchSpotlight } from "./SearchSpotlight";

vi.mock("../bindings", async () => (await import("../reports/testing")).bindings);

configure({ asyncUtilTimeout: 5000 });

const palette = async (path = "/today") => {
  renderApp(
    <CreateProvider>
      <Notifications />
      <SearchSpotlight />
      <Shortcuts />
    </CreateProvider>,
    path,
  );
  await userEvent.keyboard("{Control>}k{/Control}");
  return screen.findByTestId("search-input");
};

describe("command palette (Ctrl/Cmd+K)", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    act(() => setHelpOpen(false));
    act(() => spotlight.close());
  });

  it("lists the screens when nothing is typed", async () => {
    await palette();
    const rows = await screen.findAllByTestId("palette-command");
    expect(rows.map((r) => r.getAttribute("aria-label"))).toEqual(expect.arrayContaining(["Go to Today", "Go to Contacts", "Go to Backups", "Go to Settings"]));
    expect(rows).toHaveLength(16);
    expect(screen.queryByTestId("search-result")).toBeNull();
  });

  it("finds a report by a fuzzy word and opens it", async () => {
    const input = await palette();
    await userEvent.type(input, "cohort");
    const row = await screen.findByRole("button", { name: "Open report: Cohort retention" });
    expect(screen.getAllByTestId("palette-command")[0]).toBe(row);
    await userEvent.click(row);
    await waitFor(() => expect(currentPath).toBe("/reports/cohorts"));
    expect(commands.reportsCatalog).toHaveBeenCalled();
  });

  it("runs New contact from \"new con\"", async () => {
    const input = await palette();
    await userEvent.type(input, "new con");
    const row = await screen.findByRole("button", { name: "New contact" });
    expect(screen.getAllByTestId("palette-command")[0]).toBe(row);
    await userEvent.click(row);
    expect(await screen.findByTestId("contact-first-name")).toBeInTheDocument();
    expect(screen.getByRole("dialog", { name: "New contact" })).toBeInTheDocument();
  });

  it("still lists matching contacts first, then the commands", async () => {
    const hit: SearchHit = { kind: "contact", id: "c7", title: "Connie Contreras", subtitle: "Acme" };
    commands.search.mockImplementation(() => ok([hit]));
    const input = await palette();
    await userEvent.type(input, "con");
    const first = await screen.findByTestId("search-result");
    expect(first).toHaveTextContent("Connie Contreras");
    await screen.findByRole("button", { name: "Go to Contacts" });
    const rows = [...document.querySelectorAll("[data-testid='search-result'], [data-testid='palette-command']")];
    expect(rows[0]).toBe(first);
    expect(rows.length).toBeGreaterThan(1);
    expect(commands.search).toHaveBeenLastCalledWith("con", 20);
    await userEvent.click(first);
    await waitFor(() => expect(currentPath).toBe("/contacts/c7"));
  });

  it("New deal goes to the Pipeline and asks it for its deal form", async () => {
    const input = await palette();
    await userEvent.type(input, "new deal");
    await userEvent.click(await screen.findByRole("button", { name: "New deal" }));
    await waitFor(() => expect(currentPath).toBe("/pipeline"));
    // The request waits for the Pipeline screen (not rendered here) and is used there once.
    const run = vi.fn();
    const { useIntent } = await import("../app/intents");
    function Board() {
      useIntent("new-deal", true, run);
      return null;
    }
    renderApp(<Board />, "/pipeline");
    await waitFor(() => expect(run).toHaveBeenCalledTimes(1));
  });

  it("offers to log a call only on a record's page", async () => {
    let input = await palette("/today");
    await userEvent.type(input, "log a call");
    await screen.findByRole("button", { name: "Go to Today" }).catch(() => undefined);
    expect(screen.queryByRole("button", { name: "Log a call here" })).toBeNull();
    act(() => spotlight.close());
    document.body.innerHTML = "";
    input = await palette("/contacts/c7");
    await userEvent.type(input, "log a call");
    expect(await screen.findByRole("button", { name: "Log a call here" })).toBeInTheDocument();
  });

  it("opens the keyboard shortcuts sheet", async () => {
    const input = await palette();
    await userEvent.type(input, "shortcuts");
    await userEvent.click(await screen.findByRole("button", { name: "Keyboard shortcuts" }));
    const sheet = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(within(sheet).getByText(/go to a screen or run a command/)).toBeInTheDocument();
  });
});
