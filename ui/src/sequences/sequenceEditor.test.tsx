import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ModalsProvider } from "@mantine/modals";
import { Notifications } from "@mantine/notifications";
import { Route, Routes } from "react-router-dom";
import type { SequenceInput } from "../bindings";
import { commands, fail, ok } from "../test/fixtures";
import { currentPath, renderApp } from "../test/render";
import { sequence } from "../test/sequences";
import { SequenceEditorPage } from "./SequenceEditorPage";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

const editor = (path: string) =>
  renderApp(
    <ModalsProvider>
      <Notifications />
      <Routes>
        <Route path="/sequences/:id" element={<SequenceEditorPage />} />
      </Routes>
    </ModalsProvider>,
    path,
  );

describe("sequence editor", () => {
  beforeEach(() => vi.clearAllMocks());

  it("shows each of the back end's field errors on the right step's field", async () => {
    commands.sequenceCreate.mockImplementationOnce(() =>
      fail({
        kind: "validation",
        errors: [
          { field: "name", code: "required", message: "Name is required." },
          { field: "steps.0.template_id", code: "required", message: "Choose the template this e-mail sends." },
          { field: "steps.1.delay_days", code: "negative", message: "A delay cannot be negative." },
          { field: "steps.2.kind", code: "ends_with_wait", message: "A wait at the end leads nowhere: remove it." },
          { field: "window.start", code: "invalid_hours", message: "The window must start before it ends, within one day." },
        ],
      }),
    );
    editor("/sequences/new");
    await userEvent.click(await screen.findByTestId("add-step-call"));
    await userEvent.click(screen.getByTestId("add-step-wait"));
    await userEvent.click(screen.getByTestId("sequence-save"));

    await waitFor(() => expect(commands.sequenceCreate).toHaveBeenCalledTimes(1));
    const cards = await screen.findAllByTestId("step-card");
    expect(cards).toHaveLength(3);
    expect(await within(cards[0]).findByText("Template is required.")).toBeInTheDocument();
    expect(within(cards[1]).getByText("Delay can't be negative.")).toBeInTheDocument();
    expect(within(cards[0]).queryByText("Delay can't be negative.")).not.toBeInTheDocument();
    expect(within(cards[2]).getByTestId("step-kind-error")).toHaveTextContent("A wait at the end leads nowhere");
    expect(within(screen.getByTestId("sequence-editor")).getByText("Name is required.")).toBeInTheDocument();
    expect(screen.getByText("The window must start before it ends, within one day.")).toBeInTheDocument();

    // Editing the delay takes its message away, the others stay.
    const delay = within(cards[1]).getByTestId("step-delay");
    await userEvent.clear(delay);
    await userEvent.type(delay, "2");
    expect(within(cards[1]).queryByText("Delay can't be negative.")).not.toBeInTheDocument();
    expect(within(cards[0]).getByText("Template is required.")).toBeInTheDocument();
  });

  it("saves the whole sequence as the form shows it and opens the saved one", async () => {
    editor("/sequences/new");
    await userEvent.type(await screen.findByTestId("sequence-name"), "Welcome");
    await userEvent.click(screen.getByTestId("step-template"));
    await userEvent.click(await screen.findByRole("option", { name: "Welcome", hidden: true }));
    await userEvent.click(screen.getByTestId("add-step-call"));
    await userEvent.type(screen.getAllByTestId("step-title")[0], "Check in");
    // Saturday joins the weekdays; the call moves first.
    await userEvent.click(screen.getByRole("checkbox", { name: "Saturday" }));
    await userEvent.click(screen.getByRole("button", { name: "Move step 2 up" }));
    await userEvent.click(screen.getByTestId("sequence-save"));
    await waitFor(() => expect(commands.sequenceCreate).toHaveBeenCalledTimes(1));
    const input = commands.sequenceCreate.mock.calls[0][0] as SequenceInput;
    expect(input.name).toBe("Welcome");
    expect(input.window.days).toEqual([1, 2, 3, 4, 5, 6]);
    expect(input.steps.map((s) => [s.kind, s.template_id, s.title])).toEqual([
      ["call", null, "Check in"],
      ["email", "t-1", null],
    ]);
    await waitFor(() => expect(currentPath).toBe("/sequences/q-9"));
  });

  it("keeps step ids when saving an edited sequence, and shows the back end's refusal to delete", async () => {
    commands.sequenceDelete.mockImplementationOnce(() =>
      fail({ kind: "conflict", message: "“Welcome new leads” has enrolments (their history and report stay with it): archive it instead." }),
    );
    commands.sequenceUpdate.mockImplementationOnce(() => ok(sequence()));
    editor("/sequences/q-1");
    expect(await screen.findByDisplayValue("Welcome new leads")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("sequence-save"));
    await waitFor(() => expect(commands.sequenceUpdate).toHaveBeenCalledTimes(1));
    const [id, input] = commands.sequenceUpdate.mock.calls[0] as [string, SequenceInput];
    expect(id).toBe("q-1");
    expect(input.steps.map((s) => s.id)).toEqual(["st-1", "st-2"]);

    await userEvent.click(screen.getByRole("button", { name: "More" }));
    await userEvent.click(await screen.findByTestId("sequence-delete"));
    await userEvent.click(await screen.findByTestId("confirm-delete"));
    expect(await screen.findByText(/archive it instead/)).toBeInTheDocument();
    expect(currentPath).toBe("/sequences/q-1");
  });
});
