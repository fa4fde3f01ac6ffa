import { describe, expect, it, vi, beforeEach } from "vitest";
import { forgetRuns, once, runMenuCommand, typing, type MenuActions } from "./menu";

function actions(): MenuActions {
  return { navigate: vi.fn(), newContact: vi.fn(), newCompany: vi.fn(), undo: vi.fn(), redo: vi.fn(), palette: vi.fn(), shortcuts: vi.fn() };
}

describe("native menu commands", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-06T10:00:00Z"));
    document.body.innerHTML = "";
    forgetRuns();
  });

  it("go items navigate to their screen", () => {
    const a = actions();
    expect(runMenuCommand("go:/pipeline", a)).toBe(true);
    expect(runMenuCommand("go:/settings", a)).toBe(true);
    expect(a.navigate).toHaveBeenNthCalledWith(1, "/pipeline");
    expect(a.navigate).toHaveBeenNthCalledWith(2, "/settings");
  });

  it("every item has an action; an unknown id does nothing", () => {
    const a = actions();
    for (const id of ["new_contact", "new_company", "palette", "shortcuts"]) expect(runMenuCommand(id, a)).toBe(true);
    expect([a.newContact, a.newCompany, a.palette, a.shortcuts].map((f) => (f as ReturnType<typeof vi.fn>).mock.calls.length)).toEqual([1, 1, 1, 1]);
    expect(runMenuCommand("launch_rockets", a)).toBe(false);
  });

  it("undo outside a text field is the app's undo; inside one it is the field's own", () => {
    const a = actions();
    runMenuCommand("undo", a);
    expect(a.undo).toHaveBeenCalledTimes(1);
    const input = document.createElement("input");
    document.body.append(input);
    input.focus();
    expect(typing()).toBe(true);
    const exec = vi.fn(() => true);
    Object.defineProperty(document, "execCommand", { value: exec, configurable: true });
    vi.advanceTimersByTime(1000);
    runMenuCommand("undo", a);
    runMenuCommand("redo", a);
    expect(exec.mock.calls).toEqual([["undo"], ["redo"]]);
    expect(a.undo).toHaveBeenCalledTimes(1);
    expect(a.redo).not.toHaveBeenCalled();
  });

  it("one key press seen by the menu and by the page runs once; two presses run twice", () => {
    const a = actions();
    once("undo", a.undo, "keys");
    runMenuCommand("undo", a); // the same press, through the menu
    expect(a.undo).toHaveBeenCalledTimes(1);
    runMenuCommand("undo", a); // a second press, from the menu again
    expect(a.undo).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(500);
    once("undo", a.undo, "keys");
    expect(a.undo).toHaveBeenCalledTimes(3);
  });

  it("buttons and checkboxes are not text fields", () => {
    const b = document.createElement("input");
    b.type = "checkbox";
    document.body.append(b);
    b.focus();
    expect(typing()).toBe(false);
  });
});
