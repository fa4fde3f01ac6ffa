import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Notifications, notifications } from "@mantine/notifications";
import { commands, fail, historyAction, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { CreateProvider } from "../app/create";
import { Shortcuts } from "../app/Shortcuts";
import { HistoryPage } from "./HistoryPage";
import { RecordHistory } from "./RecordHistory";
import { sentence, showValue } from "./format";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

const edit = historyAction({
  id: 7,
  changes: [
    {
      table: "contacts",
      record_id: "c-1",
      kind: "changed",
      what: "Contact Anna Berg",
      currency: null,
      fields: [
        { field: "title", label: "Title", before: "Owner", after: "Head baker" },
        { field: "lifecycle_stage", label: "Lifecycle stage", before: "reach", after: "conversion" },
      ],
    },
    { table: "contact_tags", record_id: "c-1/t-1", kind: "added", what: "Tag VIP", currency: null, fields: [] },
  ],
});
const won = historyAction({
  id: 6,
  kind: "stage_move",
  entity: "deals",
  record_id: "d-1",
  subject: "Wedding cakes",
  changes: [{ table: "deals", record_id: "d-1", kind: "changed", what: "Deal Wedding cakes", currency: "EUR", fields: [{ field: "value_minor", label: "Value", before: "100000", after: "125000" }] }],
});
const erased = historyAction({ id: 5, kind: "erase", subject: "(erased)", can_undo: false, change_count: 0 });

describe("history in words", () => {
  it("says what was done, to what", () => {
    expect(sentence(edit)).toBe("Edited contact Anna Berg");
    expect(sentence(won)).toBe("Moved deal Wedding cakes");
    expect(sentence(historyAction({ kind: "import", entity: "imports", subject: "people.csv" }))).toBe("Imported people.csv");
    expect(sentence(historyAction({ kind: "bulk", subject: "12 contacts" }))).toBe("Changed 12 contacts");
    expect(sentence(erased)).toBe("Erased a contact's personal data");
  });

  it("shows values the way the rest of the app does", () => {
    expect(showValue({ field: "value_minor" }, "125000", { currency: "EUR" })).toMatch(/1,250\.00/);
    expect(showValue({ field: "lifecycle_stage" }, "conversion", { currency: null })).toBe("Opportunity");
    expect(showValue({ field: "title" }, null, { currency: null })).toBe("–");
    expect(showValue({ field: "due_at" }, "2026-11-23T10:00:00+00:00", { currency: null })).not.toContain("T10");
  });
});

describe("history screen", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    notifications.clean();
    commands.historyList.mockImplementation(() => ok({ actions: [edit, won, erased], has_more: false }));
  });

  it("lists every action with its changes and undoes one, offering to redo it", async () => {
    renderApp(<><Notifications /><HistoryPage /></>);
    const items = await screen.findAllByTestId("history-action");
    expect(items).toHaveLength(3);
    expect(within(items[0]).getByText("Edited contact Anna Berg")).toBeInTheDocument();
    expect(within(items[0]).getByText("Head baker")).toBeInTheDocument();
    expect(within(items[0]).getByText("Opportunity")).toBeInTheDocument();
    expect(within(items[0]).getByText("Added: Tag VIP")).toBeInTheDocument();
    expect(within(items[1]).getByText(/1,250\.00/)).toBeInTheDocument();
    expect(within(items[2]).queryByTestId("history-undo")).toBeNull();

    await userEvent.click(within(items[0]).getByTestId("history-undo"));
    expect(commands.historyUndo).toHaveBeenCalledWith(7);
    expect(await screen.findByTestId("undone-text")).toHaveTextContent("Edited contact Anna Berg");
    await userEvent.click(screen.getByTestId("redo"));
    await waitFor(() => expect(commands.historyUndo).toHaveBeenLastCalledWith(8));
    await waitFor(() => expect(commands.historyList.mock.calls.length).toBeGreaterThan(2));
  });

  it("says why an undo is refused and changes nothing", async () => {
    commands.historyUndo.mockImplementation(() =>
      fail({ kind: "conflict", message: "This can’t be undone: the title of “Anna Berg” was changed again afterwards. Undo that later change first." }),
    );
    renderApp(<><Notifications /><HistoryPage /></>);
    const items = await screen.findAllByTestId("history-action");
    await userEvent.click(within(items[0]).getByTestId("history-undo"));
    expect(await screen.findByText(/was changed again afterwards/)).toBeInTheDocument();
    expect(screen.queryByTestId("undone-text")).toBeNull();
  });

  it("keeps the history at least 90 days", async () => {
    renderApp(<><Notifications /><HistoryPage /></>);
    const days = await screen.findByTestId("history-keep-days");
    await waitFor(() => expect(days).toHaveValue("365 days"));
    await userEvent.clear(days);
    await userEvent.type(days, "30");
    await userEvent.click(screen.getByTestId("history-keep-save"));
    expect(commands.historyRetentionSet).toHaveBeenCalledWith(90);

    // Should the back end refuse anyway, its reason is shown.
    commands.historyRetentionSet.mockImplementation(() =>
      fail({ kind: "validation", errors: [{ field: "retention_days", code: "out_of_range", message: "Keep the history between 90 and 36500 days." }] }),
    );
    await userEvent.clear(days);
    await userEvent.type(days, "400");
    await userEvent.click(screen.getByTestId("history-keep-save"));
    expect(await screen.findByText(/outside the allowed range/)).toBeInTheDocument();
  });
});

describe("a record's history and the undo shortcut", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.historyList.mockImplementation(() => ok({ actions: [edit], has_more: false }));
  });

  it("asks for the record's own history", async () => {
    renderApp(<RecordHistory entity="contacts" id="c-1" />);
    expect(await screen.findByText("Edited contact Anna Berg")).toBeInTheDocument();
    expect(commands.historyList).toHaveBeenCalledWith({ entity: "contacts", record_id: "c-1", before: null, limit: 200 });
  });

  it("loads older actions of a long history on demand", async () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ ...edit, id: 100 - i }));
    commands.historyList.mockImplementation((...args: unknown[]) =>
      (args[0] as { before: number | null }).before === null
        ? ok({ actions: many, has_more: true })
        : ok({ actions: [{ ...edit, id: 3, subject: "Anna Berg, long ago" }], has_more: false }),
    );
    renderApp(<RecordHistory entity="contacts" id="c-1" />);
    await userEvent.click(await screen.findByText("Show all 6+"));
    await userEvent.click(screen.getByTestId("history-older"));
    await waitFor(() => expect(commands.historyList).toHaveBeenLastCalledWith({ entity: "contacts", record_id: "c-1", before: 95, limit: 200 }));
    expect(screen.queryByTestId("history-older")).not.toBeInTheDocument();
    expect(screen.getAllByText(/Anna Berg/).length).toBe(7);
  });

  it("Ctrl+Z undoes the last change, but not while typing in a field", async () => {
    renderApp(
      <CreateProvider>
        <Notifications />
        <Shortcuts />
        <input data-testid="field" />
      </CreateProvider>,
    );
    fireEvent.keyDown(screen.getByTestId("field"), { key: "z", code: "KeyZ", ctrlKey: true });
    expect(commands.historyUndoLast).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: "z", code: "KeyZ", ctrlKey: true });
    await waitFor(() => expect(commands.historyUndoLast).toHaveBeenCalledTimes(1));
    expect(await screen.findByTestId("undone-text")).toHaveTextContent("Edited contact Anna Berg");
  });
});
