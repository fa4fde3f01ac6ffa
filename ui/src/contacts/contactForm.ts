// Pure helpers for the contact form: building inputs, client-side checks, index bookkeeping.
import type { Address, ContactDetail, ContactInput, EmailInput, PhoneInput } from "../bindings";
import { FIELD_CODE_MESSAGES } from "../lib/errors";

export const EMPTY_ADDRESS: Address = { street: null, city: null, region: null, postal_code: null, country: null };

export function emptyContactInput(): ContactInput {
  return {
    first_name: "",
    last_name: "",
    title: null,
    company_id: null,
    emails: [{ email: "", label: "work", is_primary: true }],
    phones: [{ phone: "", label: "mobile", is_primary: true }],
    address: { ...EMPTY_ADDRESS },
    time_zone: null,
    owner: null,
    notes: null,
    tags: [],
    lifecycle_stage: "reach",
    lead_source_id: null,
    referred_by_id: null,
    do_not_contact: false,
  };
}

/** The whole editable input of an existing contact (update takes the full form). */
export function inputFromDetail(d: ContactDetail): ContactInput {
  return {
    first_name: d.first_name,
    last_name: d.last_name,
    title: d.title,
    company_id: d.company?.id ?? null,
    emails: d.emails.map((e) => ({ email: e.email, label: e.label, is_primary: e.is_primary })),
    phones: d.phones.map((p) => ({ phone: p.phone, label: p.label, is_primary: p.is_primary })),
    address: { ...d.address },
    time_zone: d.time_zone,
    owner: d.owner,
    notes: d.notes,
    tags: [...d.tags],
    lifecycle_stage: d.lifecycle_stage,
    lead_source_id: d.lead_source?.id ?? null,
    referred_by_id: d.referred_by?.id ?? null,
    do_not_contact: d.do_not_contact,
  };
}

export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Obvious mistakes caught before asking the back end (which stays the authority). */
export function validateContact(input: ContactInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (input.first_name.trim() === "" && input.last_name.trim() === "") {
    errors.first_name = FIELD_CODE_MESSAGES.required("First name", { field: "first_name", code: "required", message: "" });
  }
  input.emails.forEach((e, i) => {
    const v = e.email.trim();
    if (v !== "" && !EMAIL_SHAPE.test(v)) {
      errors[`emails.${i}.email`] = FIELD_CODE_MESSAGES.invalid_email("E-mail address", {
        field: `emails.${i}.email`,
        code: "invalid_email",
        message: "",
      });
    }
  });
  return errors;
}

function nullIfBlank(v: string | null): string | null {
  return v === null || v.trim() === "" ? null : v.trim();
}

/** Drops blank e-mail/phone rows; `map[sent] = shown` lets server errors find their row again. */
export function prepareContactInput(input: ContactInput): {
  input: ContactInput;
  emailMap: number[];
  phoneMap: number[];
} {
  const emailMap: number[] = [];
  const emails: EmailInput[] = [];
  input.emails.forEach((e, i) => {
    if (e.email.trim() !== "") {
      emails.push({ ...e, email: e.email.trim(), label: nullIfBlank(e.label) });
      emailMap.push(i);
    }
  });
  const phoneMap: number[] = [];
  const phones: PhoneInput[] = [];
  input.phones.forEach((p, i) => {
    if (p.phone.trim() !== "") {
      phones.push({ ...p, phone: p.phone.trim(), label: nullIfBlank(p.label) });
      phoneMap.push(i);
    }
  });
  if (emails.length > 0 && !emails.some((e) => e.is_primary)) emails[0] = { ...emails[0], is_primary: true };
  if (phones.length > 0 && !phones.some((p) => p.is_primary)) phones[0] = { ...phones[0], is_primary: true };
  const address: Address = {
    street: nullIfBlank(input.address.street),
    city: nullIfBlank(input.address.city),
    region: nullIfBlank(input.address.region),
    postal_code: nullIfBlank(input.address.postal_code),
    country: nullIfBlank(input.address.country),
  };
  return {
    input: {
      ...input,
      first_name: input.first_name.trim(),
      last_name: input.last_name.trim(),
      title: nullIfBlank(input.title),
      time_zone: nullIfBlank(input.time_zone),
      owner: nullIfBlank(input.owner),
      notes: nullIfBlank(input.notes),
      emails,
      phones,
      address,
    },
    emailMap,
    phoneMap,
  };
}

/** Renames "emails.1.email" (as sent) back to the row index the form shows. */
export function remapFieldErrors(errors: Record<string, string>, emailMap: number[], phoneMap: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, msg] of Object.entries(errors)) {
    const m = /^(emails|phones)\.(\d+)(\..*)?$/.exec(field);
    if (m) {
      const map = m[1] === "emails" ? emailMap : phoneMap;
      const shown = map[Number(m[2])] ?? Number(m[2]);
      out[`${m[1]}.${shown}${m[3] ?? ""}`] = msg;
    } else {
      out[field] = msg;
    }
  }
  return out;
}
