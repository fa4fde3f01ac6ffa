// The product form's state and its conversion to the command's input (price in minor units).
import type { Product, ProductInput } from "../bindings";
import { minorToInput, parseMoney } from "../lib/money";
import { billingOf, intervalOf, type Billing } from "./format";
import { defaultCurrency } from "../lib/regional";

export interface ProductForm {
  sku: string;
  name: string;
  description: string;
  category: string;
  price: string;
  currency: string;
  billing: Billing;
  upgradeTo: string | null;
  addons: string[];
}

export function emptyProductForm(currency = defaultCurrency()): ProductForm {
  return { sku: "", name: "", description: "", category: "", price: "", currency, billing: "one_off", upgradeTo: null, addons: [] };
}

export function productFormFrom(p: Product): ProductForm {
  return {
    sku: p.sku,
    name: p.name,
    description: p.description ?? "",
    category: p.category ?? "",
    price: minorToInput(p.price_minor, p.currency),
    currency: p.currency,
    billing: billingOf(p.interval),
    upgradeTo: p.upgrade_to?.id ?? null,
    addons: p.addons.map((a) => a.id),
  };
}

/** The input, or the problems visible before asking the back end (keyed by the input's field names). */
export function toProductInput(f: ProductForm): { input: ProductInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!f.sku.trim()) errors.sku = "Give it a SKU, a short code of your own, e.g. WEB-BASIC.";
  if (!f.name.trim()) errors.name = "Give the product a name.";
  const price = parseMoney(f.price, f.currency);
  if (price === null) errors.price_minor = f.price.trim() ? `“${f.price}” is not an amount.` : "Enter a price (0 for free).";
  else if (price < 0) errors.price_minor = "A price is zero or more.";
  if (Object.keys(errors).length > 0 || price === null) return { input: null, errors };
  return {
    input: {
      sku: f.sku.trim(),
      name: f.name.trim(),
      description: f.description.trim() || null,
      category: f.category.trim() || null,
      interval: intervalOf(f.billing),
      price_minor: price,
      currency: f.currency,
      upgrade_to_id: f.upgradeTo,
      addon_ids: f.addons,
    },
    errors,
  };
}
