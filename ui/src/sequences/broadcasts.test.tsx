import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ModalsProvider } from "@mantine/modals";
import { commands, fail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { BroadcastsPanel } from "./BroadcastsPanel";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

async function choose(testId: string, option: string) {
  await userEvent.click(screen.getByTestId(testId));
  await userEvent.click(await screen.findByRole("option", { name: option, hidden: true }));
}

describe("broadcasts", () => {
  beforeEach(() => vi.clearAllMocks());

  it("creates a draft with the consent it needs, previews who it reaches and sends only after confirming", async () => {
    renderApp(<ModalsProvider><BroadcastsPanel /></ModalsProvider>);
    await userEvent.click(await screen.findByTestId("broadcast-new"));
    await userEvent.type(await screen.findByTestId("broadcast-name"), "Spring");
    await choose("broadcast-template", "Welcome");
    await choose("broadcast-segment", "Customers gone quiet");
    await userEvent.click(screen.getByRole("radio", { name: "Newsletter" }));
    await userEvent.click(screen.getByTestId("broadcast-create"));
    await waitFor(() =>
      expect(commands.broadcastCreate).toHaveBeenCalledWith({ name: "Spring", template_id: "t-1", segment_id: "s-1", purpose: "newsletter" }),
    );
    expect(await screen.findByTestId("broadcast-will-send")).toHaveTextContent("8 will get it");
    expect(commands.broadcastPreview).toHaveBeenCalledWith("b-1");
    await userEvent.click(screen.getByTestId("broadcast-send"));
    expect(commands.broadcastSend).not.toHaveBeenCalled();
    await userEvent.click(await screen.findByTestId("confirm-action"));
    await waitFor(() => expect(commands.broadcastSend).toHaveBeenCalledWith("b-1"));
  });

  it("says why it could not be sent (no mail server)", async () => {
    commands.broadcastsList.mockImplementationOnce(() =>
      ok([{ id: "b-1", name: "Spring", template: { id: "t-1", name: "Welcome" }, segment: { id: "s-1", name: "Customers gone quiet" }, purpose: "marketing_email" as const, status: "draft", queued: 0, skipped: 0, sent_at: null, created_at: "2026-11-23T08:00:00Z" }]),
    );
    commands.broadcastSend.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "smtp", code: "not_configured", message: "Set up e-mail sending first (Settings → E-mail)." }] }),
    );
    renderApp(<ModalsProvider><BroadcastsPanel /></ModalsProvider>);
    await userEvent.click(await screen.findByTestId("broadcast-open"));
    await userEvent.click(await screen.findByTestId("broadcast-send"));
    await userEvent.click(await screen.findByTestId("confirm-action"));
    expect(await screen.findByTestId("broadcast-error")).toHaveTextContent("Settings → E-mail");
  });
});
