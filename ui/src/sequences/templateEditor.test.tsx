import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, fail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { TemplateEditor } from "./TemplateEditor";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

describe("template editor", () => {
  beforeEach(() => vi.clearAllMocks());

  it("inserts a merge field where the cursor is", async () => {
    renderApp(<TemplateEditor template={null} onClose={() => undefined} onSaved={() => undefined} />);
    const body = (await screen.findByTestId("template-body")) as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: "Hello  — see you soon" } });
    body.focus();
    body.setSelectionRange(6, 6);
    await userEvent.click(screen.getByTestId("insert-field"));
    await userEvent.click(await screen.findByTestId("insert-first_name"));
    expect(body.value).toBe("Hello {{first_name}} — see you soon");

    // Into the subject, where it was last clicked, replacing the selection.
    const subject = screen.getByTestId("template-subject") as HTMLInputElement;
    fireEvent.change(subject, { target: { value: "News for COMPANY" } });
    subject.focus();
    subject.setSelectionRange(9, 16);
    await userEvent.click(screen.getByTestId("insert-field"));
    await userEvent.click(await screen.findByTestId("insert-booking_link"));
    expect(subject.value).toBe("News for {{booking_link}}");
    expect(body.value).toBe("Hello {{first_name}} — see you soon");
  });

  it("previews for a chosen contact and names the fields they have no value for", async () => {
    commands.search.mockImplementation(() => ok([{ kind: "contact" as const, id: "c-ana", title: "Ana Costa", subtitle: null }]));
    commands.templatePreview.mockImplementation(() =>
      ok({ subject: "Hello from ", text: "Hi Ana, the team at  says hi.", html: "", missing: ["company"], to_address: "ana@example.com", to_name: "Ana Costa" }),
    );
    renderApp(<TemplateEditor template={null} onClose={() => undefined} onSaved={() => undefined} />);
    fireEvent.change(await screen.findByTestId("template-subject"), { target: { value: "Hello from {{company}}" } });
    await userEvent.type(screen.getByTestId("template-preview-contact"), "Ana");
    await userEvent.click(await screen.findByRole("option", { name: "Ana Costa", hidden: true }));
    const missing = await screen.findByTestId("template-missing");
    expect(missing).toHaveTextContent("Ana has no company: add a fallback like {{company|your team}}.");
    expect(screen.getByTestId("template-preview-text")).toHaveTextContent("Hi Ana, the team at says hi.");
    const [input, contactId] = commands.templatePreview.mock.calls.at(-1) as [{ subject: string }, string];
    expect(contactId).toBe("c-ana");
    expect(input.subject).toBe("Hello from {{company}}");
  });

  it("shows the back end's words for a mistyped field at the field", async () => {
    commands.templateCreate.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "body", code: "unknown_field", message: "{{frist_name}} is not a merge field. Did you mean {{first_name}}?" }] }),
    );
    renderApp(<TemplateEditor template={null} onClose={() => undefined} onSaved={() => undefined} />);
    await userEvent.type(await screen.findByTestId("template-name"), "Welcome");
    await userEvent.click(screen.getByTestId("template-save"));
    expect(await screen.findByText("{{frist_name}} is not a merge field. Did you mean {{first_name}}?")).toBeInTheDocument();
    await waitFor(() => expect(commands.templateCreate).toHaveBeenCalledWith({ name: "Welcome", subject: "", body: "" }));
  });
});
