import { beforeEach, describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../test/render";
import { Appearance } from "./Appearance";

const KEY = "mantine-color-scheme-value";

describe("appearance setting", () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.removeAttribute("data-mantine-color-scheme");
  });

  it("offers light, dark and the system's choice, and keeps the choice", async () => {
    renderApp(<Appearance />);
    const group = screen.getByRole("radiogroup", { name: "Appearance" });
    expect(group).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Light" })).toBeChecked();

    await userEvent.click(screen.getByRole("radio", { name: "Dark" }));
    expect(screen.getByRole("radio", { name: "Dark" })).toBeChecked();
    expect(localStorage.getItem(KEY)).toBe("dark");
    await waitFor(() => expect(document.documentElement).toHaveAttribute("data-mantine-color-scheme", "dark"));

    await userEvent.click(screen.getByRole("radio", { name: "Same as the system" }));
    expect(localStorage.getItem(KEY)).toBe("auto");
    // The test's system (matchMedia shim) prefers light.
    await waitFor(() => expect(document.documentElement).toHaveAttribute("data-mantine-color-scheme", "light"));
  });

  it("shows a choice made earlier", () => {
    localStorage.setItem(KEY, "dark");
    renderApp(<Appearance />);
    expect(screen.getByRole("radio", { name: "Dark" })).toBeChecked();
  });
});
