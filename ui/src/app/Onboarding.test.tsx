import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Notifications } from "@mantine/notifications";
import { commands, ok, status } from "../test/fixtures";
import { currentPath, renderApp } from "../test/render";
import { Onboarding } from "./Onboarding";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

describe("first start", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.appStatus.mockImplementation(() => ok(status({ needs_onboarding: true })));
  });

  it("loads the demo business, shows progress, then opens Contacts", async () => {
    let finish: () => void = () => {};
    commands.demoLoad.mockImplementation(
      () => new Promise((resolve) => (finish = () => resolve({ status: "ok", data: { companies: 60, contacts: 320, activities: 2400 } }))),
    );
    renderApp(<><Notifications /><Onboarding /></>, "/welcome");
    await userEvent.click(screen.getByTestId("load-demo"));
    expect(commands.demoLoad).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(/Setting up your demo business/)).toBeInTheDocument();
    finish();
    await waitFor(() => expect(currentPath).toBe("/contacts"));
    expect(await screen.findByText(/320 contacts, 60 companies/)).toBeInTheDocument();
  });

  it("can start empty instead", async () => {
    renderApp(<Onboarding />, "/welcome");
    await userEvent.click(screen.getByTestId("start-empty"));
    expect(commands.startEmpty).toHaveBeenCalledTimes(1);
    expect(commands.demoLoad).not.toHaveBeenCalled();
    await waitFor(() => expect(currentPath).toBe("/contacts"));
  });
});
