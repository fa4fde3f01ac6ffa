import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, fail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { enrolment, enrolResult, outboxItem } from "../test/sequences";
import { ContactSequences } from "./ContactSequences";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

async function pick(name: string) {
  await userEvent.click(await screen.findByTestId("enrol-sequence-select"));
  await userEvent.click(await screen.findByRole("option", { name, hidden: true }));
}

describe("a contact's sequences", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.enrolmentsList.mockImplementation(() => ok([enrolment()]));
    commands.outboxList.mockImplementation(() => ok({ items: [outboxItem({ status: "held", subject: "Welcome, Ada" })], counts: [] }));
  });

  it("shows where they are in each sequence and their e-mails, and pauses on request", async () => {
    renderApp(<ContactSequences contactId="c1" />);
    const row = await screen.findByTestId("contact-enrolment");
    expect(within(row).getByRole("link", { name: "Welcome new leads" })).toHaveAttribute("href", "/sequences/q-1");
    expect(within(row).getByText(/Step 2 of 3 · Next: Call: Check in/)).toBeInTheDocument();
    expect(commands.enrolmentsList).toHaveBeenCalledWith("c1", null, null);
    expect(commands.outboxList).toHaveBeenCalledWith(null, "c1");
    expect(within(screen.getByTestId("contact-outbox")).getByText("Needs review")).toBeInTheDocument();
    await userEvent.click(within(row).getByTestId("enrolment-pause"));
    await waitFor(() => expect(commands.enrolmentSet).toHaveBeenCalledWith("e-1", "pause"));
  });

  it("offers only sequences they are not in, enrols them, and shows a refusal's reason", async () => {
    commands.sequenceEnrol.mockImplementationOnce(() =>
      ok(enrolResult({ enrolled: 0, refused: [{ contact: { id: "c1", name: "Ada Lovelace" }, reason: "Ada Lovelace asked not to be contacted." }], refused_count: 1 })),
    );
    renderApp(<ContactSequences contactId="c1" />);
    await screen.findByTestId("contact-enrolment");
    await userEvent.click(screen.getByTestId("enrol-sequence-select"));
    expect(screen.queryByRole("option", { name: "Welcome new leads", hidden: true })).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole("option", { name: "Win back", hidden: true }));
    await userEvent.click(screen.getByTestId("enrol-sequence-button"));
    await waitFor(() => expect(commands.sequenceEnrol).toHaveBeenCalledWith("q-2", { kind: "contacts", ids: ["c1"] }));
    expect(await screen.findByTestId("enrol-refusal")).toHaveTextContent("Ada Lovelace asked not to be contacted.");
  });

  it("says why the back end refused outright (an archived sequence)", async () => {
    commands.enrolmentsList.mockImplementation(() => ok([]));
    commands.sequenceEnrol.mockImplementationOnce(() => fail({ kind: "conflict", message: "“Win back” is archived: no one can be enrolled." }));
    renderApp(<ContactSequences contactId="c1" />);
    expect(await screen.findByText("Not in any sequence.")).toBeInTheDocument();
    await pick("Win back");
    await userEvent.click(screen.getByTestId("enrol-sequence-button"));
    expect(await screen.findByTestId("enrol-refusal")).toHaveTextContent("is archived: no one can be enrolled.");
  });

  it("reloads after a successful enrolment", async () => {
    renderApp(<ContactSequences contactId="c1" />);
    await screen.findByTestId("contact-enrolment");
    await pick("Win back");
    await userEvent.click(screen.getByTestId("enrol-sequence-button"));
    await waitFor(() => expect(commands.enrolmentsList).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId("enrol-refusal")).not.toBeInTheDocument();
  });
});
