//! The fields each kind of import fills, the header names (ours and those of common exports)
//! that map to them, and the mapping suggested for a file's headers.

use super::{ColumnMapping, FieldInfo, ImportKind, Mapping, Target};

type Spec = (&'static str, &'static str, bool, Option<&'static str>);

const DATE_HINT: &str = "Dates like 2026-03-31, 31/03/2026 or 31.03.2026";
const YES_HINT: &str = "yes/no, true/false or 1/0";

const CONTACT_FIELDS: &[Spec] = &[
    ("first_name", "First name", false, Some("A contact needs a first or last name, a full name or an e-mail")),
    ("last_name", "Last name", false, None),
    ("full_name", "Full name", false, Some("Split into first and last name when those have no column")),
    ("email", "E-mail", false, None),
    ("email_2", "Second e-mail", false, None),
    ("phone", "Phone", false, Some("With the country code, or local to the contact's country")),
    ("mobile", "Mobile", false, None),
    ("title", "Job title", false, None),
    ("company", "Company", false, Some("By name; created when it does not exist")),
    ("owner", "Owner", false, None),
    ("lifecycle_stage", "Lifecycle stage", false, Some("New lead, Engaged lead, Opportunity, Customer, Loyal customer")),
    ("lead_source", "Lead source", false, Some("By name; created when it does not exist")),
    ("tags", "Tags", false, Some("Separated by , or ;")),
    ("notes", "Notes", false, None),
    ("street", "Street", false, None),
    ("city", "City", false, None),
    ("region", "Region / state", false, None),
    ("postal_code", "Postal code", false, None),
    ("country", "Country", false, Some("An ISO code (DE, GB, US) reads local phone numbers")),
    ("time_zone", "Time zone", false, Some("e.g. Europe/Berlin")),
    ("do_not_contact", "Do not contact", false, Some(YES_HINT)),
    ("marketing_consent", "Marketing consent", false, Some("yes records consent to marketing e-mails")),
    ("external_id", "External id", false, Some("The record's id in the tool it came from")),
];

const COMPANY_FIELDS: &[Spec] = &[
    ("name", "Name", true, None),
    ("domain", "Domain / website", false, Some("Stored as a bare domain, e.g. example.com")),
    ("industry", "Industry", false, None),
    ("size_band", "Size", false, Some("1, 2-10, 11-50, 51-200, 201-1000, 1000+ or a head count")),
    ("phone", "Phone", false, None),
    ("owner", "Owner", false, None),
    ("tags", "Tags", false, Some("Separated by , or ;")),
    ("notes", "Notes", false, None),
    ("street", "Street", false, None),
    ("city", "City", false, None),
    ("region", "Region / state", false, None),
    ("postal_code", "Postal code", false, None),
    ("country", "Country", false, None),
    ("external_id", "External id", false, None),
];

const DEAL_FIELDS: &[Spec] = &[
    ("title", "Title", true, None),
    ("value", "Value", false, Some("Amounts like 1,234.50, 1.234,50 or €1,234")),
    ("currency", "Currency", false, Some("ISO code; default: the currency most deals use")),
    ("pipeline", "Pipeline", false, Some("By name; default: the first pipeline")),
    ("stage", "Stage", false, Some("By name within the pipeline; Won/Lost stages close the deal")),
    ("expected_close", "Expected close", false, Some(DATE_HINT)),
    ("owner", "Owner", false, None),
    ("company", "Company", false, Some("By name; created when it does not exist")),
    ("contact_email", "Contact e-mail", false, Some("Links the contact with this e-mail")),
    ("probability", "Probability (%)", false, None),
    ("lost_reason", "Lost reason", false, None),
    ("notes", "Notes", false, None),
    ("tags", "Tags", false, Some("Separated by , or ;")),
    ("external_id", "External id", false, None),
];

const ACTIVITY_FIELDS: &[Spec] = &[
    ("kind", "Kind", false, Some("call, email, meeting, note or task (default: note)")),
    ("subject", "Subject", true, None),
    ("body", "Body", false, None),
    ("occurred_at", "Date", false, Some(DATE_HINT)),
    ("due_at", "Due", false, Some(DATE_HINT)),
    ("done", "Done", false, Some(YES_HINT)),
    ("duration_minutes", "Duration (minutes)", false, None),
    ("outcome", "Outcome", false, None),
    ("contact_email", "Contact e-mail", false, None),
    ("contact_external_id", "Contact external id", false, None),
    ("company", "Company", false, Some("By name (existing companies)")),
    ("deal_external_id", "Deal external id", false, None),
];

const ORDER_FIELDS: &[Spec] = &[
    ("order_number", "Order number", true, Some("Rows with the same number are the lines of one order (kept as its external id)")),
    ("ordered_at", "Order date", true, Some(DATE_HINT)),
    ("contact_email", "Customer e-mail", false, Some("The buyer: the contact with this e-mail")),
    ("contact_external_id", "Customer external id", false, Some("Or the buyer by the contact's external id")),
    ("company", "Company", false, Some("By name (existing companies); the contact's company by default")),
    ("product", "Product", false, Some("The line's item, found in the catalogue by name; unknown items are kept as text")),
    ("sku", "SKU", false, Some("Found in the catalogue by SKU")),
    ("quantity", "Quantity", false, Some("A whole number, 1 or more (default 1)")),
    ("price", "Unit price", false, Some("Amounts like 1,234.50, 1.234,50 or €1,234; default: the product's price")),
    ("discount", "Discount", false, Some("10% (a percentage) or 5.00 (an amount off the line)")),
    ("currency", "Currency", false, Some("ISO code; one currency per order")),
    ("status", "Status", false, Some("paid, partially refunded or refunded (pending, voided or failed orders are not imported)")),
    ("refunded", "Refunded amount", false, Some("Money paid back on the order")),
    ("notes", "Notes", false, None),
];

const SURVEY_FIELDS: &[Spec] = &[
    ("contact_email", "Contact e-mail", false, Some("Who answered: the contact with this e-mail")),
    ("contact_external_id", "Contact external id", false, None),
    ("kind", "Survey", false, Some("csat (1–5) or nps (0–10); default: read from the score column's header")),
    ("score", "Score", true, Some("CSAT 1 to 5, NPS 0 to 10")),
    ("comment", "Comment", false, None),
    ("answered_at", "Date", false, Some(DATE_HINT)),
];

fn specs(kind: ImportKind) -> &'static [Spec] {
    match kind {
        ImportKind::Contacts => CONTACT_FIELDS,
        ImportKind::Companies => COMPANY_FIELDS,
        ImportKind::Deals => DEAL_FIELDS,
        ImportKind::Activities => ACTIVITY_FIELDS,
        ImportKind::Orders => ORDER_FIELDS,
        ImportKind::SurveyResponses => SURVEY_FIELDS,
    }
}

pub fn fields(kind: ImportKind) -> Vec<FieldInfo> {
    specs(kind)
        .iter()
        .map(|(key, label, required, hint)| FieldInfo {
            key: key.to_string(),
            label: label.to_string(),
            required: *required,
            hint: hint.map(str::to_string),
        })
        .collect()
}

pub fn is_field(kind: ImportKind, key: &str) -> bool {
    specs(kind).iter().any(|s| s.0 == key)
}

/// Lowercase letters and digits only: "E-mail 1 - Value" → "email1value".
pub fn norm(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Header aliases per field (compared after [`norm`]). The field key and label always match.
fn aliases(kind: ImportKind, field: &str) -> &'static [&'static str] {
    use ImportKind::*;
    match (kind, field) {
        (Contacts, "first_name") => &["first", "firstname", "given name", "givenname", "forename", "Person - First name", "vorname", "prénom"],
        (Contacts, "last_name") => &["last", "lastname", "surname", "family name", "Person - Last name", "nachname", "nom"],
        (Contacts, "full_name") => &["name", "full name", "contact name", "display name", "Person - Name", "contact", "FN"],
        (Contacts, "email") => &["email", "e-mail", "email address", "e-mail address", "E-mail 1 - Value", "Person - Email", "Work email", "Primary email", "mail", "EMAIL"],
        (Contacts, "email_2") => &["E-mail 2 - Value", "E-mail 2 Address", "Secondary email", "Other email", "Person - Email - Other", "EMAIL 2"],
        (Contacts, "phone") => &["phone", "phone number", "telephone", "Business Phone", "Phone 1 - Value", "Person - Phone", "work phone", "TEL", "Telefon"],
        (Contacts, "mobile") => &["mobile", "mobile phone", "mobile phone number", "cell", "cell phone", "Phone 2 - Value", "Person - Phone - Mobile", "TEL mobile", "Handy"],
        (Contacts, "title") => &["job title", "title", "position", "role", "Organization 1 - Title", "Person - Job title", "TITLE"],
        (Contacts, "company") => &["company", "company name", "organization", "organisation", "Organization 1 - Name", "Organization - Name", "Person - Organization", "Account Name", "ORG", "Firma"],
        (Contacts, "owner") => &["owner", "contact owner", "Person - Owner", "Contact Owner", "Owner Name"],
        (Contacts, "lifecycle_stage") => &["lifecycle stage", "stage", "status"],
        (Contacts, "lead_source") => &["lead source", "source", "original source", "Person - Source"],
        (Contacts, "tags") => &["tags", "labels", "Group Membership", "Categories", "Person - Labels", "CATEGORIES"],
        (Contacts, "notes") => &["notes", "note", "description", "comments", "NOTE"],
        (Contacts, "street") => &["street", "street address", "address", "Mailing Street", "Business Street", "Address 1 - Street", "ADR street"],
        (Contacts, "city") => &["city", "Mailing City", "Business City", "Address 1 - City", "town", "ADR city"],
        (Contacts, "region") => &["region", "state", "state/region", "province", "Mailing State/Province", "Business State", "Address 1 - Region", "ADR region"],
        (Contacts, "postal_code") => &["postal code", "zip", "zip code", "postcode", "Mailing Zip/Postal Code", "Business Postal Code", "Address 1 - Postal Code", "ADR postal code"],
        (Contacts, "country") => &["country", "country/region", "Mailing Country", "Business Country/Region", "Business Country", "Address 1 - Country", "ADR country"],
        (Contacts, "time_zone") => &["time zone", "timezone"],
        (Contacts, "do_not_contact") => &["do not contact", "do not call", "Do Not Call", "Email Opt Out", "unsubscribed"],
        (Contacts, "marketing_consent") => &["marketing consent", "consent", "marketing emails", "newsletter opt in", "opted in"],
        (Contacts, "external_id") => &["record id", "contact id", "id", "external id", "Person - ID", "UID"],
        (Companies, "name") => &["company", "company name", "organization", "organisation", "Organization - Name", "Account Name", "name"],
        (Companies, "domain") => &["domain", "company domain name", "website", "website url", "web", "url", "Organization - Website"],
        (Companies, "industry") => &["industry", "sector", "Organization - Industry"],
        (Companies, "size_band") => &["size", "employees", "number of employees", "company size", "Organization - Number of employees"],
        (Companies, "phone") => &["phone", "phone number", "company phone", "Organization - Phone"],
        (Companies, "owner") => &["owner", "company owner", "account owner", "Organization - Owner"],
        (Companies, "tags") => &["tags", "labels", "Organization - Labels", "categories"],
        (Companies, "notes") => &["notes", "description", "about"],
        (Companies, "street") => &["street", "street address", "address", "Billing Street", "Organization - Address"],
        (Companies, "city") => &["city", "Billing City", "Organization - City"],
        (Companies, "region") => &["state", "region", "state/region", "Billing State/Province"],
        (Companies, "postal_code") => &["postal code", "zip", "zip code", "Billing Zip/Postal Code"],
        (Companies, "country") => &["country", "country/region", "Billing Country", "Organization - Country"],
        (Companies, "external_id") => &["record id", "company id", "account id", "id", "Organization - ID"],
        (Deals, "title") => &["deal name", "deal title", "title", "name", "Deal - Title", "Opportunity Name", "deal"],
        (Deals, "value") => &["amount", "value", "deal value", "Deal - Value", "Amount", "deal amount"],
        (Deals, "currency") => &["currency", "Deal - Currency", "Currency Code"],
        (Deals, "pipeline") => &["pipeline", "Deal - Pipeline"],
        (Deals, "stage") => &["deal stage", "stage", "Deal - Stage", "Stage"],
        (Deals, "expected_close") => &["close date", "expected close", "expected close date", "Deal - Expected close date", "Close Date"],
        (Deals, "owner") => &["deal owner", "owner", "Deal - Owner", "Opportunity Owner"],
        (Deals, "company") => &["company", "company name", "associated company", "Organization - Name", "Deal - Organization", "Account Name"],
        (Deals, "contact_email") => &["contact email", "email", "Person - Email", "associated contact email"],
        (Deals, "probability") => &["probability", "deal probability", "Deal - Probability", "Probability (%)"],
        (Deals, "lost_reason") => &["lost reason", "closed lost reason", "Deal - Lost reason"],
        (Deals, "notes") => &["notes", "description", "deal description"],
        (Deals, "tags") => &["tags", "labels", "Deal - Labels"],
        (Deals, "external_id") => &["record id", "deal id", "id", "Deal - ID", "Opportunity ID"],
        (Activities, "kind") => &["type", "kind", "activity type", "Activity - Type", "Task Type"],
        (Activities, "subject") => &["subject", "title", "Activity - Subject", "name"],
        (Activities, "body") => &["body", "description", "notes", "Activity - Note", "comments"],
        (Activities, "occurred_at") => &["date", "activity date", "Activity - Due date", "start", "created"],
        (Activities, "due_at") => &["due", "due date", "Due Date"],
        (Activities, "done") => &["done", "completed", "Activity - Done", "status"],
        (Activities, "duration_minutes") => &["duration", "duration (minutes)", "Activity - Duration"],
        (Activities, "outcome") => &["outcome", "result", "call outcome"],
        (Activities, "contact_email") => &["contact email", "email", "Person - Email"],
        (Activities, "contact_external_id") => &["contact id", "contact record id", "Person - ID"],
        (Activities, "company") => &["company", "company name", "Organization - Name", "Account Name"],
        (Activities, "deal_external_id") => &["deal id", "deal record id", "Deal - ID"],
        // Shopify, WooCommerce, Stripe and plain order exports.
        (Orders, "order_number") => &["order number", "order no", "order #", "order id", "order", "name", "number", "invoice number", "order_id", "Order Number"],
        (Orders, "ordered_at") => &["created at", "date", "order date", "created", "Created (UTC)", "created date", "purchase date", "order_date"],
        (Orders, "contact_email") => &["email", "e-mail", "customer email", "billing email", "Billing Email Address", "email address", "customer e-mail", "Customer Email"],
        (Orders, "contact_external_id") => &["customer id", "contact id", "Customer ID", "customer external id"],
        (Orders, "company") => &["company", "billing company", "company name", "organization", "Account Name"],
        (Orders, "product") => &["lineitem name", "product", "item", "product name", "item name", "line item", "Lineitem title"],
        (Orders, "sku") => &["sku", "lineitem sku", "product sku", "item sku", "variant sku"],
        (Orders, "quantity") => &["quantity", "lineitem quantity", "qty", "item quantity", "units"],
        (Orders, "price") => &["price", "lineitem price", "unit price", "item price", "item cost", "amount"],
        (Orders, "discount") => &["discount", "lineitem discount", "discount amount", "discount %", "discount percent"],
        (Orders, "currency") => &["currency", "currency code", "order currency"],
        (Orders, "status") => &["financial status", "status", "payment status", "order status"],
        (Orders, "refunded") => &["refunded amount", "amount refunded", "refunded", "refund amount", "order refund amount"],
        (Orders, "notes") => &["notes", "note", "comment", "customer note"],
        (SurveyResponses, "contact_email") => &["email", "e-mail", "contact email", "respondent email", "customer email", "email address"],
        (SurveyResponses, "contact_external_id") => &["contact id", "customer id", "respondent id"],
        (SurveyResponses, "kind") => &["kind", "type", "survey", "survey type", "metric"],
        (SurveyResponses, "score") => &["score", "rating", "nps", "csat", "nps score", "csat score", "answer"],
        (SurveyResponses, "comment") => &["comment", "comments", "feedback", "reason", "why"],
        (SurveyResponses, "answered_at") => &["date", "answered at", "submitted at", "response date", "created at", "timestamp"],
        _ => &[],
    }
}

/// The field a header names, if any.
pub fn field_for(kind: ImportKind, header: &str) -> Option<&'static str> {
    let h = norm(header);
    if h.is_empty() {
        return None;
    }
    specs(kind).iter().map(|s| s.0).find(|key| {
        norm(key) == h || aliases(kind, key).iter().any(|a| norm(a) == h)
    }).or_else(|| {
        // Labels last, so an alias claims a header before a label that happens to equal it.
        specs(kind).iter().find(|s| norm(s.1) == h).map(|s| s.0)
    })
}

/// Columns matched to fields by header name (each field once); unknown columns are ignored.
pub fn suggest(kind: ImportKind, headers: &[String]) -> Mapping {
    let mut used: Vec<&str> = Vec::new();
    let columns = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let target = match field_for(kind, h) {
                Some(f) if f == "tags" => Target::Tag,
                Some(f) if !used.contains(&f) => {
                    used.push(f);
                    Target::Field { field: f.to_string() }
                }
                _ => Target::Ignore,
            };
            ColumnMapping { column: i as u32, header: h.clone(), target }
        })
        .collect();
    Mapping { columns }
}

/// Which tool the headers look like they came from.
pub fn looks_like(headers: &[String]) -> Option<String> {
    let hs: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    let has = |s: &str| hs.iter().any(|h| *h == norm(s));
    let starts = |p: &str| headers.iter().any(|h| h.trim().to_lowercase().starts_with(p));
    let tool = if has("Record ID") && (has("Lifecycle Stage") || has("Contact owner") || has("Company Domain Name") || has("Deal Stage")) {
        "HubSpot"
    } else if starts("person - ") || starts("deal - ") || starts("organization - ") {
        "Pipedrive"
    } else if has("Given Name") && (has("E-mail 1 - Value") || has("Group Membership")) {
        "Google Contacts"
    } else if has("E-mail Address") && (has("Business Phone") || has("Mobile Phone") || has("Categories")) {
        "Outlook"
    } else if has("Mailing City") || has("Account Name") || has("Contact ID") || has("Opportunity Name") {
        "Salesforce"
    } else if has("Lineitem name") || (has("Financial Status") && has("Name")) {
        "Shopify"
    } else if has("Order Status") && (has("Order Number") || has("Order Date")) {
        "WooCommerce"
    } else if has("Amount Refunded") && (has("Customer Email") || has("Created (UTC)")) {
        "Stripe"
    } else {
        return None;
    };
    Some(tool.to_string())
}
