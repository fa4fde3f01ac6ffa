import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { commands as app, fail, ok, contactDetail } from "../test/fixtures";
import { renderApp } from "../test/render";
import { detail, note, slaClock, ticketCommands as commands } from "./testing";
import { TicketPage } from "./TicketPage";
import { durationWords, clockWords } from "./format";

vi.mock("../bindings", async () => {
  const t = await import("./testing");
  return t.withCommands(t.ticketCommands);
});

const show = () => renderApp(<Routes><Route path="tickets/:id" element={<TicketPage />} /></Routes>, "/tickets/tk-1");

describe("a ticket", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.ticketGet.mockImplementation(() =>
      ok(detail({}, [note(), note({ id: "n-2", public: false, body: "Check the VAT setting next month.", author: null })])),
    );
    app.contactGet.mockImplementation(() => ok(contactDetail({ emails: [{ id: "e1", email: "ada@example.com", label: null, is_primary: true }] })));
  });

  it("shows the header, the clocks and the conversation with replies and internal notes told apart", async () => {
    show();
    expect(await screen.findByRole("heading", { name: /Invoice shows the wrong VAT number/ })).toHaveTextContent("#12");
    expect(commands.ticketGet).toHaveBeenCalledWith("tk-1");
    expect(screen.getByTestId("ticket-contact")).toHaveAttribute("href", "/contacts/c1");
    const clocks = screen.getByTestId("ticket-clocks");
    expect(within(clocks).getByTestId("sla-first_response")).toHaveTextContent("First response due in 1 h 20 min");
    expect(within(clocks).getByText("Tier B")).toBeInTheDocument();
    expect(within(screen.getByTestId("ticket-reply")).getByText("Reply to customer")).toBeInTheDocument();
    expect(within(screen.getByTestId("ticket-internal-note")).getByText("Internal note")).toBeInTheDocument();
    expect(screen.queryByTestId("ticket-from-survey")).not.toBeInTheDocument();
  });

  it("adds a reply to the customer and an internal note", async () => {
    show();
    const body = await screen.findByTestId("composer-body");
    await userEvent.type(body, "We sent a corrected invoice.");
    expect(screen.getByTestId("composer-mailto").getAttribute("href")).toMatch(/^mailto:ada@example.com\?subject=Re%3A%20%5B%2312%5D%20Invoice/);
    await userEvent.click(screen.getByTestId("composer-submit"));
    await waitFor(() => expect(commands.ticketAddNote).toHaveBeenCalledWith("tk-1", "We sent a corrected invoice.", true));
    await waitFor(() => expect(body).toHaveValue(""));

    await userEvent.click(screen.getByRole("radio", { name: "Internal note" }));
    await userEvent.type(body, "Ask accounting.");
    await userEvent.click(screen.getByRole("button", { name: "Add internal note" }));
    await waitFor(() => expect(commands.ticketAddNote).toHaveBeenLastCalledWith("tk-1", "Ask accounting.", false));
  });

  it("shows why the back end refused (the ticket was closed meanwhile) and keeps the text", async () => {
    commands.ticketGet.mockImplementation(() => ok(detail({ status: "solved" })));
    commands.ticketAddNote.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "status", code: "closed", message: "Ticket 12 is closed: reopen it to add to it." }] }),
    );
    show();
    await userEvent.type(await screen.findByTestId("composer-body"), "One more thing");
    await userEvent.click(screen.getByTestId("composer-submit"));
    expect(await screen.findByTestId("ticket-error")).toHaveTextContent("Ticket 12 is closed: reopen it to add to it.");
    expect(screen.getByTestId("composer-body")).toHaveValue("One more thing");
  });

  it("moves between statuses", async () => {
    commands.ticketSetStatus.mockImplementationOnce(() => {
      commands.ticketGet.mockImplementation(() => ok(detail({ status: "waiting" })));
      return ok(detail({ status: "waiting" }));
    });
    show();
    await userEvent.click(await screen.findByTestId("ticket-set-waiting"));
    await waitFor(() => expect(commands.ticketSetStatus).toHaveBeenCalledWith("tk-1", "waiting"));
    await waitFor(() => expect(screen.getByTestId("ticket-set-waiting")).toHaveAttribute("aria-pressed", "true"));
    expect(screen.getByTestId("ticket-set-open")).toHaveAttribute("aria-pressed", "false");
  });

  it("offers only reopening a closed ticket, and shows the back end's refusal", async () => {
    commands.ticketGet.mockImplementation(() => ok(detail({ status: "closed", closed_at: "2026-11-24T09:00:00Z" })));
    commands.ticketSetStatus.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "status", code: "closed", message: "Ticket 12 is closed: reopen it first." }] }),
    );
    show();
    await userEvent.click(await screen.findByTestId("ticket-reopen"));
    expect(screen.getByText("A closed ticket can only be reopened.")).toBeInTheDocument();
    expect(screen.queryByTestId("ticket-set-solved")).not.toBeInTheDocument();
    expect(screen.getByTestId("composer-body")).toBeDisabled();
    await waitFor(() => expect(commands.ticketSetStatus).toHaveBeenCalledWith("tk-1", "open"));
    expect(await screen.findByTestId("ticket-error")).toHaveTextContent("Ticket 12 is closed: reopen it first.");
  });

  it("says when a low survey score opened it, and edits its details", async () => {
    commands.ticketGet.mockImplementation(() => ok(detail({ survey_response_id: "s-1", resolution: slaClock({ minutes_left: -30, breached: true }) })));
    show();
    expect(await screen.findByTestId("ticket-from-survey")).toHaveTextContent("Opened by a low survey score");
    expect(screen.getAllByTestId("ticket-breached").length).toBeGreaterThan(0);
    await userEvent.click(screen.getByTestId("ticket-edit"));
    const subject = await screen.findByTestId("ticket-form-subject");
    await userEvent.clear(subject);
    await userEvent.type(subject, "Wrong VAT number");
    await userEvent.click(screen.getByTestId("ticket-form-save"));
    await waitFor(() =>
      expect(commands.ticketUpdate).toHaveBeenCalledWith("tk-1", expect.objectContaining({ subject: "Wrong VAT number", contact_id: "c1", opened_at: "2026-11-23T09:00:00Z" })),
    );
  });
});

describe("clocks in words", () => {
  it("says durations the way people do", () => {
    expect(durationWords(80)).toBe("1 h 20 min");
    expect(durationWords(-120)).toBe("2 h");
    expect(durationWords(45)).toBe("45 min");
    expect(durationWords(60 * 24 * 3 + 60 * 4)).toBe("3 days 4 h");
    expect(durationWords(60 * 24)).toBe("1 day");
  });

  it("tells due, overdue, met and met late apart", () => {
    expect(clockWords(slaClock({ minutes_left: 80 }))).toBe("due in 1 h 20 min");
    expect(clockWords(slaClock({ minutes_left: -125, breached: true }))).toBe("overdue by 2 h 5 min");
    expect(clockWords(slaClock({ met_at: "2026-11-23T11:00:00Z", minutes_left: null }))).toBe("met in time");
    expect(clockWords(slaClock({ met_at: "2026-11-23T12:35:00Z", minutes_left: null, breached: true }))).toBe("met 35 min late");
    expect(clockWords(slaClock({ due_at: null, minutes_left: null }))).toBe("no target");
  });
});
