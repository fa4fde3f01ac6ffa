import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ContactInput } from "../bindings";
import { commands, contactDetail, fail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { ContactFormModal } from "./ContactFormModal";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

function open() {
  const onSaved = vi.fn();
  renderApp(<ContactFormModal onClose={() => {}} onSaved={onSaved} />);
  return onSaved;
}

describe("contact form", () => {
  beforeEach(() => vi.clearAllMocks());

  it("shows the server's e-mail error under the e-mail field, then saves once fixed", async () => {
    commands.contactCreate.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "emails.0.email", code: "invalid_email", message: "invalid e-mail" }] }),
    );
    const onSaved = open();
    const user = userEvent.setup();
    await user.type(screen.getByTestId("contact-first-name"), "Quentin");
    await user.type(screen.getByTestId("contact-last-name"), "Zapata");
    await user.type(screen.getByTestId("contact-email-0"), "quentin@example.invalid");
    await user.click(screen.getByTestId("contact-save"));

    const error = await screen.findByTestId("contact-email-0-error");
    expect(error).toHaveTextContent("This e-mail address doesn't look right. Use the form name@example.com.");
    expect(screen.getByTestId("contact-email-0")).toHaveAttribute("aria-invalid", "true");
    const sent = commands.contactCreate.mock.calls[0] as unknown as [ContactInput];
    expect(sent[0]).toMatchObject({ first_name: "Quentin", last_name: "Zapata", emails: [{ email: "quentin@example.invalid", is_primary: true }], phones: [] });

    await user.clear(screen.getByTestId("contact-email-0"));
    expect(screen.queryByTestId("contact-email-0-error")).not.toBeInTheDocument();
    await user.type(screen.getByTestId("contact-email-0"), "quentin@example.com");
    commands.contactCreate.mockImplementationOnce(() => ok(contactDetail({ id: "new", first_name: "Quentin" })));
    await user.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: "new" })));
  });

  it("catches an obviously broken e-mail before asking the back end", async () => {
    open();
    const user = userEvent.setup();
    await user.type(screen.getByTestId("contact-first-name"), "Q");
    await user.type(screen.getByTestId("contact-email-0"), "quentin@@example");
    await user.click(screen.getByTestId("contact-save"));
    expect(await screen.findByTestId("contact-email-0-error")).toHaveTextContent(/e-mail/);
    expect(commands.contactCreate).not.toHaveBeenCalled();
  });

  it("puts errors on the row the person sees even when blank rows were left out", async () => {
    commands.contactCreate.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "phones.0.phone", code: "invalid_phone", message: "bad" }] }),
    );
    open();
    const user = userEvent.setup();
    await user.type(screen.getByTestId("contact-first-name"), "Q");
    await user.click(screen.getByRole("button", { name: /Add phone/ }));
    await user.type(screen.getByTestId("contact-phone-1"), "12");
    await user.click(screen.getByTestId("contact-save"));
    expect(await screen.findByTestId("contact-phone-1-error")).toHaveTextContent(/country code/);
    expect(screen.queryByTestId("contact-phone-0-error")).not.toBeInTheDocument();
  });

  it("warns about a likely duplicate while typing, without blocking the save", async () => {
    commands.duplicatesOfContact.mockImplementation(() =>
      ok([{ id: "c9", name: "Quentin Zapata", reason: "same_email", detail: "q@zapata.example", confidence: 95 }]),
    );
    const onSaved = open();
    const user = userEvent.setup();
    await user.type(screen.getByTestId("contact-first-name"), "Quentin");
    await user.type(screen.getByTestId("contact-email-0"), "q@zapata.example");
    const alert = await screen.findByTestId("likely-duplicates", {}, { timeout: 3000 });
    expect(alert).toHaveTextContent(/Quentin Zapata/);
    expect(alert).toHaveTextContent(/same e-mail/);
    await user.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    commands.duplicatesOfContact.mockImplementation(() => ok([]));
  });
});
