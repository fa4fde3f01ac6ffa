import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands as app, fail, ok } from "../test/fixtures";
import { currentPath, renderApp } from "../test/render";
import { ContactTickets } from "./ContactTickets";
import { slaClock, ticket, ticketCommands as commands } from "./testing";
import { TicketsPage } from "./TicketsPage";

vi.mock("../bindings", async () => {
  const t = await import("./testing");
  return t.withCommands(t.ticketCommands);
});

const overdue = ticket({
  id: "tk-2", number: 7, subject: "Website down", priority: "urgent", status: "new",
  first_response: slaClock({ minutes_left: -120, breached: true }),
});
const answered = ticket({
  id: "tk-3", number: 8, subject: "Logo colours", first_response_at: "2026-11-23T09:30:00Z",
  first_response: slaClock({ met_at: "2026-11-23T09:30:00Z", minutes_left: null }),
  resolution: slaClock({ due_at: "2026-11-24T09:00:00Z", minutes_left: 80 }),
});

describe("the support queue", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.ticketsList.mockImplementation(() => ok([overdue, answered]));
  });

  it("shows each open ticket's clock in words with an icon, and a breach badge", async () => {
    renderApp(<TicketsPage />, "/tickets");
    const rows = await screen.findAllByTestId("ticket-row");
    expect(commands.ticketsList).toHaveBeenCalledWith({ queue: true, status: null, contact_id: null, company_id: null, limit: null });
    expect(within(rows[0]).getByText("#7")).toBeInTheDocument();
    expect(within(rows[0]).getByRole("link", { name: "Website down" })).toHaveAttribute("href", "/tickets/tk-2");
    expect(within(rows[0]).getByRole("link", { name: "Ada Lovelace" })).toHaveAttribute("href", "/contacts/c1");
    expect(within(rows[0]).getByTestId("sla-first_response")).toHaveTextContent("First response overdue by 2 h");
    expect(within(rows[0]).getByTestId("sla-first_response")).toHaveAttribute("data-state", "overdue");
    expect(within(rows[0]).getByTestId("ticket-breached")).toHaveTextContent("Breached");
    expect(within(rows[0]).getByText("Urgent")).toBeInTheDocument();
    expect(within(rows[0]).getByText("New")).toBeInTheDocument();
    // Answered: the resolution clock counts now.
    expect(within(rows[1]).getByTestId("sla-resolution")).toHaveTextContent("Resolution due in 1 h 20 min");
    expect(within(rows[1]).queryByTestId("ticket-breached")).not.toBeInTheDocument();
    expect(screen.getByTestId("queue-summary")).toHaveTextContent("2 open");
    expect(screen.getByTestId("queue-summary")).toHaveTextContent("1 breached");
  });

  it("lists all tickets by status", async () => {
    renderApp(<TicketsPage />, "/tickets");
    await userEvent.click(await screen.findByTestId("tab-all-tickets"));
    await screen.findByTestId("ticket-list");
    expect(commands.ticketsList).toHaveBeenLastCalledWith({ queue: false, status: null, contact_id: null, company_id: null, limit: null });
    await userEvent.click(screen.getByTestId("tickets-filter-solved"));
    await waitFor(() =>
      expect(commands.ticketsList).toHaveBeenLastCalledWith({ queue: false, status: "solved", contact_id: null, company_id: null, limit: null }),
    );
  });

  it("says when nothing is waiting", async () => {
    commands.ticketsList.mockImplementation(() => ok([]));
    renderApp(<TicketsPage />, "/tickets");
    expect(await screen.findByText("Nothing waiting for you")).toBeInTheDocument();
  });
});

describe("a new ticket", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.ticketsList.mockImplementation(() => ok([]));
  });

  it("asks for a subject and who asked, shows the server's field errors, then opens it", async () => {
    app.search.mockImplementation(() => ok([{ kind: "contact" as const, id: "c1", title: "Ada Lovelace", subtitle: null }]));
    commands.ticketCreate.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "subject", code: "too_long", message: "At most 200 characters (260 given)." }] }),
    );
    renderApp(<TicketsPage />, "/tickets");
    await userEvent.click(await screen.findByTestId("ticket-new"));
    await userEvent.click(await screen.findByTestId("ticket-form-save"));
    expect(await screen.findByText("Say in a few words what they need.")).toBeInTheDocument();
    expect(screen.getByText("Say who asked: a contact or a company.")).toBeInTheDocument();
    expect(commands.ticketCreate).not.toHaveBeenCalled();

    await userEvent.type(screen.getByTestId("ticket-form-subject"), "Cannot log in");
    await userEvent.type(screen.getByTestId("ticket-form-contact"), "Ada");
    await userEvent.click(await screen.findByRole("option", { name: "Ada Lovelace", hidden: true }));
    await userEvent.click(screen.getByRole("radio", { name: "High" }));
    await userEvent.click(screen.getByTestId("ticket-form-save"));
    expect(await screen.findByText("Subject is too long — please shorten it.")).toBeInTheDocument();

    await userEvent.click(screen.getByTestId("ticket-form-save"));
    await waitFor(() => expect(commands.ticketCreate).toHaveBeenCalledTimes(2));
    expect(commands.ticketCreate).toHaveBeenLastCalledWith({
      subject: "Cannot log in", description: null, category: "question", priority: "high", channel: "email",
      contact_id: "c1", company_id: null, opened_at: null,
    });
    await waitFor(() => expect(currentPath).toBe("/tickets/tk-9"));
  });
});

describe("a contact's tickets", () => {
  beforeEach(() => vi.clearAllMocks());

  it("lists theirs with status and service level, and opens a new one for them", async () => {
    commands.ticketsList.mockImplementation(() => ok([ticket({
      id: "tk-4", number: 4, status: "solved",
      first_response: slaClock({ met_at: "2026-11-23T10:00:00Z", minutes_left: null }), resolution: slaClock({ met_at: "2026-11-24T09:00:00Z", minutes_left: null }),
    }), overdue]));
    renderApp(<ContactTickets contactId="c1" />);
    const rows = await screen.findAllByTestId("contact-ticket");
    expect(commands.ticketsList).toHaveBeenCalledWith({ queue: false, status: null, contact_id: "c1", company_id: null, limit: null });
    // Open ones first.
    expect(within(rows[0]).getByText("First response overdue by 2 h")).toBeInTheDocument();
    expect(within(rows[1]).getByText("Resolution met in time")).toBeInTheDocument();
    expect(screen.getByTestId("contact-tickets-summary")).toHaveTextContent("1 open · 1 past a service-level target · 2 in all");

    await userEvent.click(screen.getByTestId("contact-ticket-new"));
    expect(await screen.findByTestId("ticket-form-contact")).toHaveValue("Ada Lovelace");
    await userEvent.type(screen.getByTestId("ticket-form-subject"), "Follow-up on the invoice");
    await userEvent.click(screen.getByTestId("ticket-form-save"));
    await waitFor(() => expect(commands.ticketCreate).toHaveBeenCalledWith(expect.objectContaining({ subject: "Follow-up on the invoice", contact_id: "c1" })));
    await waitFor(() => expect(commands.ticketsList).toHaveBeenCalledTimes(2));
  });
});
