import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { SmtpSettings } from "../bindings";
import { commands, fail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { EmailSettings } from "./EmailSettings";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

const saved: SmtpSettings = {
  host: "smtp.example.com", port: 587, security: "start_tls", username: "hannah@example.com", from_name: "Hannah",
  from_email: "hannah@example.com", signature: "Hannah",
};

describe("e-mail settings", () => {
  beforeEach(() => vi.clearAllMocks());

  it("never shows the password back, keeps it when left empty, and explains a session-only password", async () => {
    commands.smtpGet.mockImplementationOnce(() => ok({ settings: saved, password_saved: true, password_note: null }));
    commands.smtpSet.mockImplementationOnce(() =>
      ok({ settings: saved, password_saved: false, password_note: "No keychain was found. The password is kept until Hearth closes; enter it again next time." }),
    );
    renderApp(<EmailSettings />);
    const password = (await screen.findByTestId("smtp-password")) as HTMLInputElement;
    await waitFor(() => expect(screen.getByTestId("smtp-host")).toHaveValue("smtp.example.com"));
    expect(password.value).toBe("");
    expect(password).toHaveAttribute("placeholder", "Saved in your keychain");
    await userEvent.click(screen.getByTestId("smtp-save"));
    await waitFor(() => expect(commands.smtpSet).toHaveBeenCalledWith(saved, null));
    expect(await screen.findByTestId("smtp-password-note")).toHaveTextContent("kept until Hearth closes");
  });

  it("shows a refused host at its field and the outcome of a test e-mail", async () => {
    commands.smtpGet.mockImplementationOnce(() => ok({ settings: saved, password_saved: true, password_note: null }));
    commands.smtpSet.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "host", code: "invalid_host", message: "A host name such as smtp.example.com." }] }),
    );
    commands.smtpTest.mockImplementationOnce(() => ok({ sent: false, message: "The server refused the login: 535 authentication failed." }));
    renderApp(<EmailSettings />);
    const host = await screen.findByTestId("smtp-host");
    await waitFor(() => expect(host).toHaveValue("smtp.example.com"));
    await userEvent.clear(host);
    await userEvent.type(host, "smtp://mail.example.com:587");
    await userEvent.click(screen.getByTestId("smtp-save"));
    expect(await screen.findByText(/without “smtp:\/\/” and without the port/)).toBeInTheDocument();
    await userEvent.type(screen.getByTestId("smtp-test-to"), "me@example.com");
    await userEvent.click(screen.getByTestId("smtp-test"));
    await waitFor(() => expect(commands.smtpTest).toHaveBeenCalledWith("me@example.com"));
    expect(await screen.findByTestId("smtp-test-result")).toHaveTextContent("535 authentication failed");
  });
});
