import { describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../test/render";
import { ScreenBoundary } from "./ScreenBoundary";
import { localeLabel, currencyChoices } from "../settings/regionalChoices";

function Boom({ when }: { when: { fail: boolean } }) {
  if (when.fail) throw new Error("argument is not a language id");
  return <p>fine</p>;
}

describe("a screen that fails", () => {
  it("is replaced by an explanation, not a blank window, and can be tried again", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const when = { fail: true };
    renderApp(<ScreenBoundary resetKey="/settings"><Boom when={when} /></ScreenBoundary>);
    expect(await screen.findByTestId("screen-error")).toHaveTextContent("argument is not a language id");
    when.fail = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("fine")).toBeInTheDocument();
    spy.mockRestore();
  });
});

describe("names of languages and currencies", () => {
  it("fall back to the code where the engine refuses it (WebKit throws on some)", () => {
    const of = vi.spyOn(Intl.DisplayNames.prototype, "of").mockImplementation(() => {
      throw new RangeError("argument is not a language id");
    });
    expect(localeLabel("en-US-u-va-posix")).toBe("en-US-u-va-posix");
    expect(currencyChoices("EUR", ["EUR", "CHF"])).toEqual([{ value: "EUR", label: "EUR" }, { value: "CHF", label: "CHF" }]);
    of.mockRestore();
    expect(localeLabel("en-GB")).toBe("English (United Kingdom) — en-GB");
  });
});
