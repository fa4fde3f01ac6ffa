import type { CompanyDetail, CompanyInput } from "../bindings";
import { FIELD_CODE_MESSAGES } from "../lib/errors";

export function emptyCompanyInput(): CompanyInput {
  return {
    name: "",
    domain: null,
    industry: null,
    size_band: null,
    phone: null,
    owner: null,
    address: { street: null, city: null, region: null, postal_code: null, country: null },
    notes: null,
    tags: [],
  };
}

export function companyInputFromDetail(d: CompanyDetail): CompanyInput {
  return {
    name: d.name,
    domain: d.domain,
    industry: d.industry,
    size_band: d.size_band,
    phone: d.phone,
    owner: d.owner,
    address: { ...d.address },
    notes: d.notes,
    tags: [...d.tags],
  };
}

const DOMAIN_SHAPE = /^(https?:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)+\/?$/i;

export function validateCompany(input: CompanyInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (input.name.trim() === "") {
    errors.name = FIELD_CODE_MESSAGES.required("Name", { field: "name", code: "required", message: "" });
  }
  const domain = input.domain?.trim() ?? "";
  if (domain !== "" && !DOMAIN_SHAPE.test(domain)) {
    errors.domain = FIELD_CODE_MESSAGES.invalid_domain("Website domain", { field: "domain", code: "invalid_domain", message: "" });
  }
  return errors;
}

const blank = (v: string | null) => (v === null || v.trim() === "" ? null : v.trim());

export function prepareCompanyInput(i: CompanyInput): CompanyInput {
  return {
    ...i,
    name: i.name.trim(),
    domain: blank(i.domain),
    industry: blank(i.industry),
    phone: blank(i.phone),
    owner: blank(i.owner),
    notes: blank(i.notes),
    address: {
      street: blank(i.address.street),
      city: blank(i.address.city),
      region: blank(i.address.region),
      postal_code: blank(i.address.postal_code),
      country: blank(i.address.country),
    },
  };
}
