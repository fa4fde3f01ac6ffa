import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ModalsProvider } from "@mantine/modals";
import { Notifications } from "@mantine/notifications";
import type { RegionalInput } from "../bindings";
import { commands, fail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { formatDate, formatDateTime, formatShortDate, pickerFormat } from "../lib/dates";
import { formatMoney } from "../lib/money";
import { formatNumber } from "../lib/numbers";
import { applyRegional, defaultCurrency, firstDayOfWeek, locale, resetSystemLocale, SYSTEM } from "../lib/regional";
import { currencyOptions, usualCurrency } from "../products/format";
import { emptyOrderForm } from "../orders/orderForm";
import { RegionalSettings } from "./RegionalSettings";
import { DataFolderSettings } from "./DataFolderSettings";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

const r = (over: Partial<RegionalInput>): RegionalInput => ({ ...SYSTEM, ...over });
const XMAS = new Date(2026, 11, 24, 14, 30).toISOString();

describe("regional formats", () => {
  afterEach(() => applyRegional(SYSTEM));

  it("write dates in the chosen order whatever the language", () => {
    applyRegional(r({ locale: "en-US", date_order: "day_month_year" }));
    expect(formatDate(XMAS)).toBe("24 Dec 2026");
    applyRegional(r({ locale: "en-GB", date_order: "month_day_year" }));
    expect(formatDate(XMAS)).toBe("Dec 24, 2026");
    expect(formatShortDate(XMAS, new Date(2026, 0, 1))).toBe("Dec 24");
    expect(formatShortDate(XMAS, new Date(2027, 0, 1))).toBe("Dec 24, '26");
    applyRegional(r({ locale: "en-US" }));
    expect(formatShortDate(XMAS, new Date(2027, 0, 1))).toBe("Dec 24, '26");
    expect(formatShortDate(XMAS, new Date(2026, 0, 1))).toBe("Dec 24");
    applyRegional(r({ locale: "de-DE", date_order: "year_month_day" }));
    expect(formatDate(XMAS)).toBe("2026-12-24");
    expect(pickerFormat()).toBe("YYYY-MM-DD");
    applyRegional(r({ locale: "de-DE", date_order: "month_day_year" }));
    expect(formatDate(XMAS)).toMatch(/^Dez\.? 24\.?, 2026$/);
  });

  it("follow the language for numbers and money, and the clock for times", () => {
    applyRegional(r({ locale: "de-DE", clock: "h24" }));
    expect(formatNumber(1234567.5)).toBe("1.234.567,5");
    expect(formatMoney(123456, "EUR")).toBe("1.234,56\u00a0€");
    expect(formatDateTime(XMAS)).toMatch(/14:30$/);
    expect(pickerFormat(true)).toBe("D MMM YYYY HH:mm");
    applyRegional(r({ locale: "en-US", clock: "h12" }));
    expect(formatNumber(1234567.5)).toBe("1,234,567.5");
    expect(formatMoney(123456, "EUR")).toBe("€1,234.56");
    expect(formatDateTime(XMAS)).toMatch(/02:30\sPM$/);
    expect(pickerFormat(true)).toBe("MMM D, YYYY h:mm A");
  });

  it("read a system with no language set (POSIX) as US English, not as “€ 13850.00”", () => {
    const resolved = Intl.NumberFormat.prototype.resolvedOptions;
    const spy = vi.spyOn(Intl.NumberFormat.prototype, "resolvedOptions").mockImplementation(function (this: Intl.NumberFormat) {
      return { ...resolved.call(this), locale: "en-US-u-va-posix" };
    });
    try {
      resetSystemLocale();
      applyRegional(SYSTEM);
      expect(locale()).toBe("en-US");
      expect(formatMoney(1385000, "EUR")).toBe("€13,850.00");
      applyRegional(r({ locale: "de-DE" }));
      expect(locale()).toBe("de-DE");
    } finally {
      spy.mockRestore();
      resetSystemLocale();
    }
    applyRegional(SYSTEM);
    expect(locale()).toBeUndefined();
  });

  it("start weeks on the chosen day, or the language's", () => {
    expect(firstDayOfWeek(r({ week_start: "sunday" }))).toBe(0);
    expect(firstDayOfWeek(r({ week_start: "saturday" }))).toBe(6);
    expect(firstDayOfWeek(r({ locale: "en-US" }))).toBe(0);
    expect(firstDayOfWeek(r({ locale: "de-DE" }))).toBe(1);
  });

  it("give new orders, products and forms the default currency", () => {
    applyRegional(r({ currency: "CHF" }));
    expect(defaultCurrency()).toBe("CHF");
    expect(emptyOrderForm({}).currency).toBe("CHF");
    expect(usualCurrency([])).toBe("CHF");
    expect(currencyOptions("EUR").slice(0, 2)).toEqual(["EUR", "CHF"]);
  });
});

const withModals = (ui: React.ReactNode) => (
  <ModalsProvider>
    <Notifications />
    {ui}
  </ModalsProvider>
);

describe("the Regional formats card", () => {
  beforeEach(() => vi.clearAllMocks());
  afterEach(() => applyRegional(SYSTEM));

  it("saves a choice at once and applies it everywhere", async () => {
    commands.regionalSet.mockImplementationOnce((input: unknown) => ok({ chosen: input as RegionalInput, saved: true }));
    renderApp(<RegionalSettings />);
    await userEvent.click(await screen.findByTestId("regional-dates"));
    await userEvent.click(await screen.findByRole("option", { name: /Year-month-day/, hidden: true }));
    await waitFor(() => expect(commands.regionalSet).toHaveBeenCalledWith(expect.objectContaining({ date_order: "year_month_day", currency: "EUR" })));
    expect(await screen.findByText("Saved")).toBeInTheDocument();
    expect(screen.getByTestId("regional-sample")).toHaveTextContent("2026-12-24");
  });

  it("names a refused choice at its field and keeps the formats as they were", async () => {
    commands.regionalSet.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "currency", code: "unknown_currency", message: "“XXX” is not a currency code: use three letters such as EUR, USD or GBP." }] }),
    );
    renderApp(<RegionalSettings />);
    await userEvent.click(await screen.findByTestId("regional-currency"));
    await userEvent.click(await screen.findByRole("option", { name: /^GBP/, hidden: true }));
    expect(await screen.findByText(/is not a currency code/)).toBeInTheDocument();
    expect(defaultCurrency()).toBe("EUR");
  });
});

describe("where your data is", () => {
  beforeEach(() => vi.clearAllMocks());

  it("moves the data to a chosen folder after asking, then offers a restart", async () => {
    commands.dataFolderPick.mockImplementationOnce(() => ok("/media/big/hearth"));
    commands.dataFolderMove.mockImplementationOnce(() => ok({ database: "/media/big/hearth/hearth.db", old_copy: "/home/sam/.local/share/app.hearthcrm.desktop/hearth.db.moved" }));
    renderApp(withModals(<DataFolderSettings />));
    expect(await screen.findByTestId("data-folder")).toHaveTextContent("app.hearthcrm.desktop");
    await userEvent.click(screen.getByTestId("data-folder-move"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("/media/big/hearth")).toBeInTheDocument();
    expect(commands.dataFolderMove).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByTestId("confirm-move-data"));
    await waitFor(() => expect(commands.dataFolderMove).toHaveBeenCalledWith("/media/big/hearth"));
    expect(await screen.findByTestId("data-moved")).toHaveTextContent("/media/big/hearth/hearth.db");
    await userEvent.click(screen.getByTestId("restart-now"));
    expect(commands.appRestart).toHaveBeenCalledTimes(1);
  });

  it("says why a move was refused and keeps showing the current folder", async () => {
    commands.dataFolderPick.mockImplementationOnce(() => ok("/media/big/hearth"));
    commands.dataFolderMove.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "folder", code: "holds_database", message: "/media/big/hearth already holds a Hearth database (hearth.db)." }] }),
    );
    renderApp(withModals(<DataFolderSettings />));
    await userEvent.click(await screen.findByTestId("data-folder-move"));
    await userEvent.click(await screen.findByTestId("confirm-move-data"));
    expect(await screen.findByText(/already holds a Hearth database/)).toBeInTheDocument();
    expect(screen.queryByTestId("data-moved")).toBeNull();
    expect(screen.getByTestId("data-folder")).toHaveTextContent("app.hearthcrm.desktop");
  });

  it("does not offer to move a file Hearth was started on by name", async () => {
    commands.dataFolderGet.mockImplementationOnce(() => ok({
      folder: "/tmp", database: "/tmp/x.db", default_folder: null, uses_default: false, movable: false, size_bytes: 10,
    }));
    renderApp(withModals(<DataFolderSettings />));
    expect(await screen.findByText(/moved by hand/)).toBeInTheDocument();
    expect(screen.queryByTestId("data-folder-move")).toBeNull();
  });
});
