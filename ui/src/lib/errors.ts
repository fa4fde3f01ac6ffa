// The one place that turns back-end errors into words a person understands.
import type { CoreError, FieldError } from "../bindings";

/** Friendly names for input fields (dotted paths are matched with their indexes removed). */
const FIELD_LABELS: Record<string, string> = {
  first_name: "First name",
  last_name: "Last name",
  title: "Job title",
  company_id: "Company",
  emails: "E-mail addresses",
  "emails.email": "E-mail address",
  "emails.label": "E-mail label",
  phones: "Phone numbers",
  "phones.phone": "Phone number",
  "phones.label": "Phone label",
  "address.street": "Street",
  "address.city": "City",
  "address.region": "Region",
  "address.postal_code": "Postal code",
  "address.country": "Country",
  time_zone: "Time zone",
  owner: "Owner",
  notes: "Notes",
  tags: "Tags",
  lifecycle_stage: "Lifecycle stage",
  lead_source_id: "Lead source",
  referred_by_id: "Referred by",
  name: "Name",
  domain: "Website domain",
  industry: "Industry",
  size_band: "Company size",
  phone: "Phone number",
  kind: "Activity type",
  subject: "Subject",
  body: "Details",
  contact_id: "Contact",
  occurred_at: "Date",
  due_at: "Due date",
  duration_minutes: "Duration",
  outcome: "Outcome",
  text: "Search text",
  limit: "Page size",
  // Sequences, templates, e-mail.
  description: "Description",
  status: "Status",
  steps: "At least one step",
  "steps.kind": "Step",
  "steps.delay_days": "Delay",
  "steps.template_id": "Template",
  "steps.template_b_id": "Second template (B)",
  "steps.title": "Title",
  "steps.instructions": "Instructions",
  "window.days": "At least one day of the week",
  "window.start": "Send hours",
  "window.end": "Send hours",
  "triggers.kind": "Trigger",
  "triggers.value": "Trigger",
  contacts: "Someone to enrol",
  template_id: "Template",
  segment_id: "Segment",
  key: "Field key",
  label: "Label",
  value: "Value",
  host: "Mail server",
  port: "Port",
  username: "User name",
  from_name: "From name",
  from_email: "From e-mail address",
  signature: "Signature",
  to: "Address",
  cap_count: "The number of e-mails",
  cap_days: "The number of days",
  quiet_start: "Quiet hours",
  quiet_end: "Quiet hours",
  owner_time_zone: "Your time zone",
  on_date: "Date",
  smtp: "E-mail sending",
  purpose: "What it is",
  // After the sale: products, orders, onboarding, tickets, surveys, reviews, referrals.
  sku: "SKU",
  price_minor: "Price",
  currency: "Currency",
  upgrade_to_id: "Upgrades to",
  addon_ids: "Add-ons",
  lines: "Order lines",
  "lines.product_id": "Product",
  "lines.name": "Item",
  "lines.quantity": "Quantity",
  "lines.unit_price_minor": "Unit price",
  "lines.discount_percent": "Discount",
  ordered_at: "Order date",
  amount_minor: "Refund amount",
  reason: "Reason",
  loyal_after_orders: "Orders before a customer is loyal",
  product_id: "Product",
  items: "Checklist items",
  "items.title": "Item",
  "items.offset_days": "Days after the purchase",
  first_response_minutes: "First-response target",
  resolution_minutes: "Resolution target",
  category: "Category",
  priority: "Priority",
  channel: "Channel",
  opened_at: "Opened",
  score: "Score",
  answered_at: "Answer date",
  platform: "Platform",
  rating: "Rating",
  link: "Link",
  reviewed_at: "Review date",
  reward: "Reward",
  referrer_id: "Referrer",
  referred_id: "Referred contact",
  every_days: "Rhythm",
};

/** "emails.0.email" → "E-mail address"; unknown fields get a readable version of their name. */
export function fieldLabel(field: string): string {
  const generic = field.replace(/\.\d+(?=\.|$)/g, "");
  const known = FIELD_LABELS[generic] ?? FIELD_LABELS[field];
  if (known) return known;
  const last = generic.split(".").pop() ?? generic;
  const words = last.replace(/_id$/, "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type CodeMessage = (label: string, e: FieldError) => string;

/** Every field-error code the back end sends, in plain language. */
export const FIELD_CODE_MESSAGES: Record<string, CodeMessage> = {
  required: (l) => `${l} is required.`,
  too_long: (l) => `${l} is too long — please shorten it.`,
  control_characters: (l) => `${l} holds invisible control characters (often from pasted text) — please type it again.`,
  invalid_email: () => "This e-mail address doesn't look right. Use the form name@example.com.",
  invalid_phone: () =>
    "This phone number doesn't look right. Include the country code, e.g. +44 20 7946 0958.",
  invalid_time_zone: () => "Unknown time zone. Pick one from the list, e.g. Europe/London.",
  unknown_id: (l) => `The selected ${l.toLowerCase()} no longer exists. Please pick another one.`,
  duplicate: (l) => `${l} is already in use — each one must be unique.`,
  out_of_range: (l) => `${l} is outside the allowed range.`,
  several_primary: (l) => `Only one of the ${l.toLowerCase()} can be marked as primary.`,
  not_referral: () => "“Referred by” can only be set when the lead source is a referral source.",
  self_reference: () => "A record can't refer to itself. Pick someone else.",
  invalid_domain: () => "This doesn't look like a website domain. Use the form example.com.",
  too_many: (l) => `Too many ${l.toLowerCase()} — please remove some.`,
  // Sequences, templates and sending. Where the back end's own words name the specifics (which
  // field, how many, the nearest known name), they are shown as they come.
  negative: (l) => `${l} can't be negative.`,
  ends_with_wait: () => "A wait at the end leads nowhere — remove it, or add a step after it.",
  only_waits: () => "A sequence needs an e-mail, a call or a task, not only waits.",
  same_template: () => "The second template (B) must be a different template from the first.",
  unknown: (l, e) => e.message || `The selected ${l.toLowerCase()} no longer exists. Please pick another one.`,
  archived: () => "A new sequence can't start archived — choose Active or Paused.",
  invalid_hours: (_l, e) => e.message || "The hours must start before they end, within one day.",
  line_break: () => "A subject is a single line — remove the line break.",
  unknown_field: (_l, e) => e.message || "This names a merge field that doesn't exist. Use “Insert field” to pick one.",
  unclosed_field: (_l, e) => e.message || "A merge field is missing its closing “}}”.",
  empty_field: () => "“{{}}” names no field — write a field's key between the braces, e.g. {{first_name}}.",
  not_configured: () => "E-mail sending isn't set up yet. Add your mail server in Settings → E-mail.",
  missing_values: (_l, e) => e.message || "Some recipients have no value for a merge field: give it a fallback in the template.",
  no_recipients: (_l, e) => e.message || "No one in this segment can receive it (consent, address, do-not-contact).",
  invalid_host: () => "Use a host name such as smtp.example.com — without “smtp://” and without the port.",
  invalid_port: () => "Use a port between 1 and 65535 (usually 587 for STARTTLS or 465 for TLS).",
  built_in: (_l, e) => e.message || "That is a built-in merge field — pick another key.",
  invalid_key: () => "Use only letters, digits and _ in a key (e.g. booking_link).",
  not_email: () => "A broadcast is either a marketing e-mail or the newsletter.",
};

/** The message for one field error; unknown codes fall back to the server's own words. */
export function fieldErrorMessage(e: FieldError): string {
  const make = FIELD_CODE_MESSAGES[e.code];
  const generic = e.field.replace(/\.\d+(?=\.|$)/g, "");
  // For lists ("emails", "phones") the label of the whole list reads better.
  const label = fieldLabel(e.code === "several_primary" || e.code === "too_many" ? generic.split(".")[0] : e.field);
  if (make) return make(label, e);
  return e.message || `${label} is not valid.`;
}

const ENTITY_NAMES: Record<string, string> = {
  contact: "contact",
  company: "company",
  activity: "activity",
  lead_source: "lead source",
  tag: "tag",
  sequence: "sequence",
  template: "template",
  broadcast: "broadcast",
  enrolment: "enrolment",
};

/** Narrowing guard: is this value a CoreError? */
export function isCoreError(v: unknown): v is CoreError {
  if (typeof v !== "object" || v === null || !("kind" in v)) return false;
  const kind = (v as { kind: unknown }).kind;
  return (
    kind === "not_found" ||
    kind === "validation" ||
    kind === "conflict" ||
    kind === "storage" ||
    kind === "cancelled" ||
    kind === "database"
  );
}

/** One sentence for any error: a CoreError of any kind, a thrown Error, or something odd. */
export function errorMessage(err: unknown): string {
  if (isCoreError(err)) {
    switch (err.kind) {
      case "not_found": {
        const what = ENTITY_NAMES[err.entity] ?? err.entity.replace(/_/g, " ");
        return `This ${what} no longer exists — it may have been deleted.`;
      }
      case "validation": {
        if (err.errors.length === 1) return fieldErrorMessage(err.errors[0]);
        return `Please correct ${err.errors.length} fields: ${err.errors.map((e) => fieldLabel(e.field)).join(", ")}.`;
      }
      case "conflict":
        return `That can't be done right now: ${err.message}`;
      case "cancelled":
        return err.message;
      case "storage":
        return `Hearth couldn't read or write its database (${err.message}). Your last change may not have been saved.`;
      case "database":
        return err.message;
    }
  }
  if (err instanceof Error) return `Something went wrong: ${err.message}`;
  if (typeof err === "string") return `Something went wrong: ${err}`;
  return "Something went wrong. Please try again.";
}

/** A short heading for a notification about this error. */
export function errorTitle(err: unknown): string {
  if (!isCoreError(err)) return "Unexpected error";
  return { not_found: "Not found", validation: "Please check your input", conflict: "Not possible", cancelled: "Cancelled", storage: "Database problem", database: "Database problem" }[err.kind];
}

/** Validation errors keyed by field ("emails.0.email" → message); the first error per field wins. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isCoreError(err) || err.kind !== "validation") return out;
  for (const e of err.errors) if (!(e.field in out)) out[e.field] = fieldErrorMessage(e);
  return out;
}

/** Messages that cannot be shown next to any of `shownFields` (for a notification instead). */
export function unplacedErrors(err: unknown, shownFields: (field: string) => boolean): string[] {
  if (!isCoreError(err)) return [errorMessage(err)];
  if (err.kind !== "validation") return [errorMessage(err)];
  return err.errors.filter((e) => !shownFields(e.field)).map((e) => `${fieldLabel(e.field)}: ${fieldErrorMessage(e)}`);
}
