import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands as app, contactDetail, fail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { pct, suggestionMailto } from "./format";
import { StayInTouchCard } from "./StayInTouchCard";
import { SuggestionsCard } from "./SuggestionsCard";
import { crossSell, upsell, suggestionCommands as commands } from "./testing";

vi.mock("../bindings", async () => {
  const t = await import("../tickets/testing");
  return t.withCommands((await import("./testing")).suggestionCommands);
});

const ada = contactDetail({ id: "c1", emails: [{ id: "e1", email: "ada@example.com", label: null, is_primary: true }] });

describe("a customer's suggestions", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    app.contactGet.mockImplementation(() => ok(ada));
    commands.suggestionsFor.mockImplementation(() => ok([upsell(), crossSell()]));
  });

  it("shows each suggestion's kind, reason, price, expected value and the rule figures", async () => {
    renderApp(<SuggestionsCard contactId="c1" />);
    const [up, cross] = await screen.findAllByTestId("suggestion");
    expect(commands.suggestionsFor).toHaveBeenCalledWith("c1");
    expect(within(up).getByTestId("suggestion-kind")).toHaveTextContent("Upsell");
    expect(within(up).getByText("Pro plan")).toBeInTheDocument();
    expect(within(up).getByText("Because they own Basic plan")).toBeInTheDocument();
    expect(within(up).getByTestId("suggestion-reason")).toHaveTextContent("Next plan after Basic plan on its upgrade path");
    expect(within(up).getByTestId("suggestion-value")).toHaveTextContent(/1,200\.00/);
    expect(within(up).queryByTestId("rule-figures")).not.toBeInTheDocument();
    expect(within(cross).getByTestId("suggestion-kind")).toHaveTextContent("Cross-sell");
    const figures = within(cross).getByTestId("rule-figures");
    expect(figures).toHaveTextContent("Support 12%");
    expect(figures).toHaveTextContent("Confidence 60%");
    expect(figures).toHaveTextContent("Lift 2.50");
    expect(figures).toHaveTextContent("6 of 10 who own Website care plan");
  });

  it("creates a deal from a suggestion and links to it", async () => {
    renderApp(<SuggestionsCard contactId="c1" />);
    const [up] = await screen.findAllByTestId("suggestion");
    await userEvent.click(within(up).getByTestId("suggestion-to-deal"));
    await waitFor(() => expect(commands.suggestionToDeal).toHaveBeenCalledWith("c1", "p-pro", "upsell"));
    expect(await within(up).findByTestId("suggestion-deal-link")).toHaveAttribute("href", "/deals/d-9");
  });

  it("offers the product by e-mail to their address", async () => {
    renderApp(<SuggestionsCard contactId="c1" />);
    const [, cross] = await screen.findAllByTestId("suggestion");
    const href = within(cross).getByTestId("suggestion-email").getAttribute("href") ?? "";
    expect(href.startsWith("mailto:ada@example.com?subject=SEO%20audit")).toBe(true);
    expect(decodeURIComponent(href)).toContain("Many of our customers who use Website care plan also use SEO audit");
  });

  it("does not offer e-mail to someone who asked not to be contacted", async () => {
    app.contactGet.mockImplementation(() => ok({ ...ada, do_not_contact: true }));
    renderApp(<SuggestionsCard contactId="c1" />);
    const [up] = await screen.findAllByTestId("suggestion");
    await waitFor(() => expect(within(up).getByTestId("suggestion-email")).toBeDisabled());
  });

  it("says why there is nothing to suggest", async () => {
    commands.suggestionsFor.mockImplementation(() => ok([]));
    renderApp(<SuggestionsCard contactId="c1" />);
    expect(await screen.findByTestId("suggestions-empty")).toHaveTextContent("No suggestions: they own everything on their paths, or they have not bought yet.");
  });
});

describe("stay in touch", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    app.contactGet.mockImplementation(() => ok({ ...ada, last_contacted_at: "2026-11-01T10:00:00Z" }));
    commands.rhythmGet.mockImplementation(() => ok(null));
  });

  it("sets a rhythm from a preset, then clears it", async () => {
    renderApp(<StayInTouchCard contactId="c1" />);
    expect(await screen.findByTestId("rhythm-state")).toHaveTextContent("No rhythm set.");
    commands.rhythmSet.mockImplementationOnce(() => {
      commands.rhythmGet.mockImplementation(() => ok(30));
      return ok(30);
    });
    await userEvent.click(screen.getByTestId("rhythm-preset-30"));
    await waitFor(() => expect(commands.rhythmSet).toHaveBeenCalledWith("c1", 30));
    await waitFor(() => expect(screen.getByTestId("rhythm-state")).toHaveTextContent(/Last in touch .*; next by/));
    commands.rhythmSet.mockImplementationOnce(() => ok(null));
    await userEvent.click(screen.getByTestId("rhythm-clear"));
    await waitFor(() => expect(commands.rhythmSet).toHaveBeenLastCalledWith("c1", null));
  });

  it("saves a typed number of days and shows a refusal at the field", async () => {
    commands.rhythmSet.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "every_days", code: "out_of_range", message: "A rhythm is every 1 to 365 days (400 given)." }] }),
    );
    renderApp(<StayInTouchCard contactId="c1" />);
    const input = await screen.findByTestId("rhythm-days");
    await userEvent.type(input, "21");
    await userEvent.click(screen.getByTestId("rhythm-save"));
    await waitFor(() => expect(commands.rhythmSet).toHaveBeenCalledWith("c1", 21));
    expect(await screen.findByText("A rhythm is every 1 to 365 days (400 given).")).toBeInTheDocument();
  });
});

describe("suggestion words", () => {
  it("formats shares and the e-mail", () => {
    expect(pct(0.125)).toBe("13%");
    expect(pct(0.045)).toBe("4.5%");
    expect(pct(null)).toBe("—");
    const href = suggestionMailto("ada@example.com", "Ada", upsell());
    expect(href).toMatch(/^mailto:ada@example\.com\?subject=Moving%20up%20to%20Pro%20plan&body=Hi%20Ada%2C/);
  });
});
