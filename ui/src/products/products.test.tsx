import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ProductInput } from "../bindings";
import { fail, ok } from "../test/fixtures";
import { catalogue, choose, commands, product } from "../test/orders";
import { renderApp } from "../test/render";
import { formatMoney } from "../lib/money";
import { ProductsSettings } from "./ProductsSettings";

vi.mock("../bindings", async () => (await import("../test/orders")).bindings);

/** The row whose name cell starts with `name`. */
const rowOf = async (name: string) =>
  (await screen.findAllByTestId("product-row")).find((r) => r.querySelectorAll("td")[1]?.textContent?.startsWith(name))!;

describe("products and plans", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.productsList.mockImplementation(() => ok(catalogue()));
  });

  it("lists the catalogue with prices, billing, upgrade path and add-ons; archived ones dimmed and named", async () => {
    renderApp(<ProductsSettings />);
    const basic = within(await rowOf("Website Basic"));
    expect(basic.getByText("WEB-BASIC")).toBeInTheDocument();
    expect(basic.getByText(formatMoney(4900, "EUR"))).toBeInTheDocument();
    expect(basic.getByText("Monthly")).toBeInTheDocument();
    expect(basic.getByText("Website Pro")).toBeInTheDocument();
    expect(basic.getByText("SEO audit")).toBeInTheDocument();
    expect(within(await rowOf("SEO audit")).getByText("One-off")).toBeInTheDocument();
    expect(within(await rowOf("Logo design")).getByText(formatMoney(120000, "GBP"))).toBeInTheDocument();
    const old = await rowOf("Old hosting");
    expect(old).toHaveAttribute("data-archived", "true");
    expect(within(old).getByText("Archived")).toBeInTheDocument();
    expect(within(old).getByText("Yearly")).toBeInTheDocument();
  });

  it("archives and restores", async () => {
    renderApp(<ProductsSettings />);
    await userEvent.click(within(await rowOf("SEO audit")).getByRole("button", { name: "Archive SEO audit" }));
    await waitFor(() => expect(commands.productSetArchived).toHaveBeenCalledWith("p-seo", true));
    await userEvent.click(within(await rowOf("Old hosting")).getByRole("button", { name: "Restore Old hosting" }));
    await waitFor(() => expect(commands.productSetArchived).toHaveBeenCalledWith("p-old", false));
  });

  it("creates a yearly plan with its upgrade and add-ons, the price in minor units", async () => {
    commands.productCreate.mockImplementation(() => ok(product({ id: "p-new", name: "Care plan" })));
    renderApp(<ProductsSettings />);
    await userEvent.click(await screen.findByTestId("product-new"));
    fireEvent.change(await screen.findByTestId("product-sku"), { target: { value: " CARE-1 " } });
    fireEvent.change(screen.getByTestId("product-name"), { target: { value: "Care plan" } });
    await userEvent.click(within(screen.getByTestId("product-billing")).getByText("Yearly"));
    expect(screen.getByTestId("product-price")).toBeInTheDocument();
    fireEvent.change(screen.getByTestId("product-price"), { target: { value: "1.200,50" } });
    await choose(screen.getByTestId("product-upgrade"), "Website Pro");
    // Archived products are not offered as upgrades or add-ons.
    const addons = screen.getByTestId("product-addons");
    await choose(addons, "SEO audit");
    const list = document.getElementById(addons.getAttribute("aria-controls") ?? "")!;
    expect(within(list).queryByRole("option", { name: /Old hosting/, hidden: true })).not.toBeInTheDocument();
    await userEvent.click(within(list).getByRole("option", { name: "Website Basic", hidden: true }));
    await userEvent.click(screen.getByTestId("product-save"));
    await waitFor(() => expect(commands.productCreate).toHaveBeenCalledTimes(1));
    expect(commands.productCreate.mock.calls[0][0] as ProductInput).toEqual({
      sku: "CARE-1", name: "Care plan", description: null, category: null, interval: "year", price_minor: 120050, currency: "EUR",
      upgrade_to_id: "p-pro", addon_ids: ["p-seo", "p-basic"],
    });
  });

  it("edits a plan into a one-off and shows an upgrade cycle under “Upgrades to”", async () => {
    const cycle = "That makes the upgrade path go round in a circle: Website Pro → Website Basic → Website Pro.";
    commands.productUpdate.mockImplementationOnce(() => fail({ kind: "validation", errors: [{ field: "upgrade_to_id", code: "cycle", message: cycle }] }));
    commands.productsList.mockImplementation(() => ok(catalogue().map((p) => (p.id === "p-pro" ? { ...p, upgrade_to: null } : p))));
    renderApp(<ProductsSettings />);
    await userEvent.click(within(await rowOf("Website Pro")).getByRole("button", { name: "Edit Website Pro" }));
    // Its own entry is not offered.
    const upgrade = screen.getByTestId("product-upgrade");
    await choose(upgrade, "Website Basic");
    await userEvent.click(upgrade);
    const list = document.getElementById(upgrade.getAttribute("aria-controls") ?? "")!;
    expect(within(list).queryByRole("option", { name: "Website Pro", hidden: true })).not.toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    await userEvent.click(within(screen.getByTestId("product-billing")).getByText("One-off"));
    await userEvent.click(screen.getByTestId("product-save"));
    await waitFor(() => expect(commands.productUpdate).toHaveBeenCalledTimes(1));
    const [id, input] = commands.productUpdate.mock.calls[0] as [string, ProductInput];
    expect(id).toBe("p-pro");
    expect(input).toMatchObject({ interval: null, upgrade_to_id: "p-basic", price_minor: 9900, addon_ids: [] });

    expect(upgrade).toHaveAttribute("aria-invalid", "true");
    const described = upgrade.getAttribute("aria-describedby") ?? "";
    const errorEl = described.split(" ").map((i) => document.getElementById(i)).find((e) => e?.textContent === cycle);
    expect(errorEl).toBeTruthy();
    // Choosing no upgrade clears it.
    await userEvent.click(within(upgrade.parentElement!).getByRole("button", { hidden: true }));
    expect(screen.queryByText(cycle)).not.toBeInTheDocument();
  });

  it("says what is missing before saving", async () => {
    renderApp(<ProductsSettings />);
    await userEvent.click(await screen.findByTestId("product-new"));
    fireEvent.change(await screen.findByTestId("product-price"), { target: { value: "abc" } });
    await userEvent.click(screen.getByTestId("product-save"));
    expect(await screen.findByText("Give the product a name.")).toBeInTheDocument();
    expect(screen.getByText("“abc” is not an amount.")).toBeInTheDocument();
    expect(commands.productCreate).not.toHaveBeenCalled();
  });
});
