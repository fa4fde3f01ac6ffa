import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ModalsProvider } from "@mantine/modals";
import type { OutboxStatus } from "../bindings";
import { commands, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { outboxItem, outboxMessage, runReport } from "../test/sequences";
import { OUTBOX_STATUSES, outboxActions } from "./outbox";
import { OutboxPage } from "./OutboxPage";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

const page = () => renderApp(<ModalsProvider><OutboxPage /></ModalsProvider>);

const ACTION_IDS = ["outbox-cancel", "outbox-send_anyway", "outbox-retry", "outbox-mark_sent"];
const buttonsOf = (row: HTMLElement) => ACTION_IDS.filter((id) => within(row).queryByTestId(id) !== null);

describe("outbox", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    const statuses: OutboxStatus[] = ["queued", "held", "sent", "failed", "uncertain", "cancelled"];
    commands.outboxList.mockImplementation(() =>
      ok({
        items: statuses.map((s, i) => outboxItem({ id: `o-${s}`, status: s, subject: `Mail ${i}`, last_error: s === "failed" ? "550 mailbox unavailable" : null })),
        counts: statuses.map((s) => ({ status: s, count: s === "sent" ? 40 : 1 })),
      }),
    );
  });

  it("offers only the actions the back end accepts for each status", () => {
    expect(Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, outboxActions(s)]))).toEqual({
      queued: ["cancel"],
      held: ["send_anyway", "cancel"],
      sending: [],
      sent: [],
      failed: ["retry"],
      uncertain: ["mark_sent", "retry"],
      cancelled: [],
    });
  });

  it("shows each e-mail's actions in its row, with counts per status", async () => {
    page();
    const rows = await screen.findAllByTestId("outbox-row");
    const byStatus = Object.fromEntries(rows.map((r) => [r.getAttribute("data-status"), buttonsOf(r)]));
    expect(byStatus).toEqual({
      queued: ["outbox-cancel"],
      held: ["outbox-cancel", "outbox-send_anyway"],
      sent: [],
      failed: ["outbox-retry"],
      uncertain: ["outbox-retry", "outbox-mark_sent"],
      cancelled: [],
    });
    expect(screen.getByRole("radio", { name: "All 45" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "Sent 40" })).not.toBeChecked();
    expect(screen.getByRole("radio", { name: "Needs review 1" })).toBeInTheDocument();
    expect(screen.getByText("550 mailbox unavailable")).toBeInTheDocument();
  });

  it("sends a held e-mail anyway, marks an uncertain one sent, and asks before cancelling", async () => {
    page();
    const rows = await screen.findAllByTestId("outbox-row");
    const row = (s: string) => rows.find((r) => r.getAttribute("data-status") === s)!;
    await userEvent.click(within(row("held")).getByTestId("outbox-send_anyway"));
    await waitFor(() => expect(commands.outboxAct).toHaveBeenCalledWith("o-held", "send_anyway"));
    await userEvent.click(within(row("uncertain")).getByTestId("outbox-mark_sent"));
    await waitFor(() => expect(commands.outboxAct).toHaveBeenCalledWith("o-uncertain", "mark_sent"));
    await userEvent.click(within(row("queued")).getByTestId("outbox-cancel"));
    expect(commands.outboxAct).toHaveBeenCalledTimes(2);
    await userEvent.click(await screen.findByTestId("confirm-delete"));
    await waitFor(() => expect(commands.outboxAct).toHaveBeenCalledWith("o-queued", "cancel"));
  });

  it("opens a message with its text and explains an uncertain one", async () => {
    commands.outboxMessage.mockImplementationOnce(() => ok(outboxMessage(outboxItem({ id: "o-uncertain", status: "uncertain" }))));
    page();
    const rows = await screen.findAllByTestId("outbox-row");
    await userEvent.click(within(rows.find((r) => r.getAttribute("data-status") === "uncertain")!).getByText("Mail 4"));
    const msg = await screen.findByTestId("outbox-message");
    expect(commands.outboxMessage).toHaveBeenCalledWith("o-uncertain");
    expect(within(msg).getByTestId("outbox-text")).toHaveTextContent("Hi Ada,");
    expect(within(msg).getByTestId("outbox-explanation")).toHaveTextContent(/Sent folder/);
    expect(within(msg).getByTestId("outbox-mark_sent")).toBeInTheDocument();
  });

  it("shows why nothing could be sent after Send now", async () => {
    commands.schedulerRunNow.mockImplementationOnce(() =>
      ok(runReport({ flush: { sent: 0, retrying: 3, failed: 0, cancelled: 0, uncertain: 0, problem: "The mail server smtp.example.com could not be reached." } })),
    );
    page();
    await screen.findAllByTestId("outbox-row");
    await userEvent.click(screen.getByTestId("outbox-send-now"));
    expect(await screen.findByTestId("outbox-run-problem")).toHaveTextContent("could not be reached");
    await waitFor(() => expect(commands.outboxList).toHaveBeenCalledTimes(2));
  });

  it("filters by status", async () => {
    page();
    await screen.findAllByTestId("outbox-row");
    await userEvent.click(screen.getByTestId("outbox-filter-held"));
    await waitFor(() => expect(commands.outboxList).toHaveBeenLastCalledWith("held", null));
  });
});
