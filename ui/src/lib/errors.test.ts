import { describe, expect, it } from "vitest";
import type { CoreError } from "../bindings";
import { FIELD_CODE_MESSAGES, errorMessage, errorTitle, fieldErrorMessage, fieldErrors, fieldLabel, unplacedErrors } from "./errors";

const v = (...errors: { field: string; code: string; message?: string }[]): CoreError => ({
  kind: "validation",
  errors: errors.map((e) => ({ message: "server words", ...e })),
});

describe("error table", () => {
  it("explains every CoreError kind in its own words", () => {
    expect(errorMessage({ kind: "not_found", entity: "contact", id: "x" })).toBe(
      "This contact no longer exists — it may have been deleted.",
    );
    expect(errorMessage({ kind: "not_found", entity: "lead_source", id: "x" })).toContain("lead source");
    expect(errorMessage({ kind: "conflict", message: "the source is used by 3 contacts" })).toBe(
      "That can't be done right now: the source is used by 3 contacts",
    );
    expect(errorMessage({ kind: "storage", message: "disk full" })).toMatch(/database \(disk full\)/);
    expect(errorMessage(v({ field: "first_name", code: "required" }))).toBe("First name is required.");
    expect(errorMessage(v({ field: "first_name", code: "required" }, { field: "emails.0.email", code: "invalid_email" }))).toBe(
      "Please correct 2 fields: First name, E-mail address.",
    );
    expect(errorMessage(new Error("ipc down"))).toBe("Something went wrong: ipc down");
    expect(errorTitle({ kind: "storage", message: "x" })).toBe("Database problem");
    expect(errorMessage({ kind: "database", problem: "newer", message: "Written by Hearth 9.1.0." })).toBe("Written by Hearth 9.1.0.");
  });

  it("has a specific message for every field-error code", () => {
    const codes = [
      "required", "too_long", "invalid_email", "invalid_phone", "invalid_time_zone", "unknown_id", "duplicate",
      "out_of_range", "several_primary", "not_referral", "self_reference", "invalid_domain", "too_many", "control_characters",
    ];
    const seen = new Set<string>();
    for (const code of codes) {
      expect(FIELD_CODE_MESSAGES[code], code).toBeDefined();
      const msg = fieldErrorMessage({ field: "name", code, message: "server words" });
      expect(msg).not.toBe("server words");
      seen.add(msg);
    }
    expect(seen.size).toBe(codes.length);
    expect(fieldErrorMessage({ field: "emails.0.email", code: "invalid_email", message: "" })).toMatch(/e-mail/i);
    expect(fieldErrorMessage({ field: "phones.1.phone", code: "invalid_phone", message: "" })).toMatch(/country code/);
    expect(fieldErrorMessage({ field: "company_id", code: "unknown_id", message: "" })).toBe(
      "The selected company no longer exists. Please pick another one.",
    );
    expect(fieldErrorMessage({ field: "emails.1.is_primary", code: "several_primary", message: "" })).toContain("e-mail addresses");
    expect(fieldErrorMessage({ field: "due_at", code: "required", message: "" })).toBe("Due date is required.");
  });

  it("explains the codes of sequences, templates and sending, keeping the back end's specifics", () => {
    const codes = [
      "negative", "ends_with_wait", "only_waits", "same_template", "unknown", "archived", "invalid_hours", "line_break", "unknown_field",
      "unclosed_field", "empty_field", "not_configured", "missing_values", "no_recipients", "invalid_host", "invalid_port", "built_in", "invalid_key", "not_email",
    ];
    for (const code of codes) {
      expect(FIELD_CODE_MESSAGES[code], code).toBeDefined();
      expect(fieldErrorMessage({ field: "x", code, message: "" }).length, code).toBeGreaterThan(10);
    }
    expect(fieldErrorMessage({ field: "steps.2.delay_days", code: "negative", message: "A delay cannot be negative." })).toBe("Delay can't be negative.");
    expect(fieldErrorMessage({ field: "steps", code: "required", message: "" })).toBe("At least one step is required.");
    expect(fieldErrorMessage({ field: "steps.0.template_id", code: "required", message: "" })).toBe("Template is required.");
    // Where the back end names the field, the count or the nearest name, its words are kept.
    const suggestion = "{{frist_name}} is not a merge field. Did you mean {{first_name}}?";
    expect(fieldErrorMessage({ field: "body", code: "unknown_field", message: suggestion })).toBe(suggestion);
    const counted = "3 recipient(s) have no value for {{company}}: give it a fallback in the template, e.g. {{company|there}}.";
    expect(fieldErrorMessage({ field: "template_id", code: "missing_values", message: counted })).toBe(counted);
    expect(fieldErrorMessage({ field: "smtp", code: "not_configured", message: "x" })).toMatch(/Settings → E-mail/);
    expect(errorMessage({ kind: "not_found", entity: "sequence", id: "q" })).toBe("This sequence no longer exists — it may have been deleted.");
  });

  it("falls back to the server's message for codes it does not know", () => {
    expect(fieldErrorMessage({ field: "x", code: "brand_new", message: "Brand new rule." })).toBe("Brand new rule.");
  });

  it("names nested fields readably", () => {
    expect(fieldLabel("emails.3.email")).toBe("E-mail address");
    expect(fieldLabel("address.postal_code")).toBe("Postal code");
    expect(fieldLabel("something_else_id")).toBe("Something else");
  });

  it("maps validation errors onto form fields, first error per field", () => {
    const err = v(
      { field: "emails.0.email", code: "invalid_email" },
      { field: "emails.0.email", code: "too_long" },
      { field: "address.city", code: "too_long" },
      { field: "subject", code: "required" },
    );
    expect(fieldErrors(err)).toEqual({
      "emails.0.email": FIELD_CODE_MESSAGES.invalid_email("E-mail address", { field: "", code: "", message: "" }),
      "address.city": "City is too long — please shorten it.",
      subject: "Subject is required.",
    });
    expect(fieldErrors({ kind: "conflict", message: "no" })).toEqual({});
    expect(fieldErrors("nonsense")).toEqual({});
  });

  it("lists what cannot be shown next to a field", () => {
    const err = v({ field: "first_name", code: "required" }, { field: "limit", code: "out_of_range" });
    expect(unplacedErrors(err, (f) => f === "first_name")).toEqual(["Page size: Page size is outside the allowed range."]);
    expect(unplacedErrors({ kind: "conflict", message: "busy" }, () => true)).toEqual(["That can't be done right now: busy"]);
  });
});
