//! One row of the file → a checked record of the kind imported, or the reasons it is rejected.

use super::parse::{self, DayOrder};
use super::{fields, ImportKind, Mapping, RowIssue, Target};
use crate::activities::ActivityKind;
use crate::error::{CoreError, CoreResult};
use crate::lifecycle::LifecycleStage;
use crate::validate::{is_email, normalize_phone, MAX_LONG, MAX_NAME, MAX_SHORT};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct Addr {
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ContactRec {
    /// Whether the name came from the file (not made from the e-mail address).
    pub named: bool,
    pub first: String,
    pub last: String,
    pub emails: Vec<String>,
    pub phones: Vec<(String, &'static str)>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub owner: Option<String>,
    pub stage: Option<LifecycleStage>,
    pub lead_source: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub addr: Addr,
    pub time_zone: Option<String>,
    pub dnc: Option<bool>,
    pub consent: Option<bool>,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CompanyRec {
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub size_band: Option<&'static str>,
    pub phone: Option<String>,
    pub owner: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub addr: Addr,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct DealRec {
    pub title: String,
    pub value: Option<i64>,
    pub currency: String,
    pub pipeline: Option<String>,
    pub stage: Option<String>,
    pub expected_close: Option<NaiveDate>,
    pub owner: Option<String>,
    pub company: Option<String>,
    pub contact_email: Option<String>,
    pub probability: Option<i32>,
    pub lost_reason: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ActivityRec {
    pub kind: ActivityKind,
    pub subject: String,
    pub body: Option<String>,
    pub occurred_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub done: bool,
    pub duration: Option<i32>,
    pub outcome: Option<String>,
    pub contact_email: Option<String>,
    pub contact_external_id: Option<String>,
    pub company: Option<String>,
    pub deal_external_id: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Rec {
    Contact(ContactRec),
    Company(CompanyRec),
    Deal(DealRec),
    Activity(ActivityRec),
    Survey(super::surveys::SurveyRec),
}

/// The mapping, resolved against the file's columns.
pub struct Ctx {
    pub kind: ImportKind,
    field_cols: HashMap<String, usize>,
    note_cols: Vec<(usize, String)>,
    tag_cols: Vec<usize>,
    pub headers: Vec<String>,
    pub orders: HashMap<usize, DayOrder>,
    pub default_currency: String,
}

impl Ctx {
    /// Checks the mapping (known fields, columns in the file) and resolves it.
    pub fn new(kind: ImportKind, mapping: &Mapping, headers: &[String], warnings: &mut Vec<String>) -> CoreResult<Ctx> {
        let mut ctx = Ctx {
            kind,
            field_cols: HashMap::new(),
            note_cols: vec![],
            tag_cols: vec![],
            headers: headers.to_vec(),
            orders: HashMap::new(),
            default_currency: "EUR".into(),
        };
        for m in &mapping.columns {
            // A saved mapping applies by header name: find the column where it is now.
            let at = m.column as usize;
            let col = if headers.get(at).is_some_and(|h| fields::norm(h) == fields::norm(&m.header)) || m.header.is_empty() {
                Some(at).filter(|c| *c < headers.len())
            } else {
                headers.iter().position(|h| fields::norm(h) == fields::norm(&m.header))
            };
            let Some(col) = col else {
                if !matches!(m.target, Target::Ignore) {
                    warnings.push(format!("The mapping's column “{}” is not in this file; it is ignored.", m.header));
                }
                continue;
            };
            match &m.target {
                Target::Ignore => {}
                Target::Note => ctx.note_cols.push((col, headers[col].clone())),
                Target::Tag => ctx.tag_cols.push(col),
                Target::Field { field } if field == "tags" => ctx.tag_cols.push(col),
                Target::Field { field } => {
                    if !fields::is_field(kind, field) {
                        return Err(CoreError::invalid(
                            "mapping",
                            "unknown_field",
                            format!("“{field}” is not a field of this import (column “{}”).", m.header),
                        ));
                    }
                    if ctx.field_cols.insert(field.clone(), col).is_some() {
                        return Err(CoreError::invalid(
                            "mapping",
                            "field_twice",
                            format!("Two columns are mapped to “{field}”; map one and ignore the other (or keep it as a note)."),
                        ));
                    }
                }
            }
        }
        Ok(ctx)
    }

    pub fn has(&self, field: &str) -> bool {
        self.field_cols.contains_key(field)
    }

    pub fn col(&self, field: &str) -> Option<usize> {
        self.field_cols.get(field).copied()
    }

    /// Columns holding dates (their day order is decided over the whole file).
    pub fn date_cols(&self) -> Vec<usize> {
        ["expected_close", "occurred_at", "due_at", "ordered_at", "answered_at"].iter().filter_map(|f| self.col(f)).collect()
    }
}

/// One row being read: its cells through the mapping, and what is wrong with it so far.
pub(super) struct Row<'a> {
    pub ctx: &'a Ctx,
    pub cells: &'a [String],
    pub issues: Vec<RowIssue>,
}

impl<'a> Row<'a> {
    pub fn new(ctx: &'a Ctx, cells: &'a [String]) -> Row<'a> {
        Row { ctx, cells, issues: Vec::new() }
    }

    pub fn get(&self, field: &str) -> Option<&'a str> {
        let c = self.ctx.col(field)?;
        self.cells.get(c).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    pub fn issue(&mut self, field: &str, message: impl Into<String>) {
        let column = self.ctx.col(field).and_then(|c| self.ctx.headers.get(c).cloned());
        self.issues.push(RowIssue { field: field.into(), column, message: message.into() });
    }

    pub fn text(&mut self, field: &str, max: usize) -> Option<String> {
        let v = self.get(field)?;
        let n = v.chars().count();
        if n > max {
            self.issue(field, format!("At most {max} characters ({n} given)."));
        }
        Some(v.to_string())
    }

    fn tags(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in &self.ctx.tag_cols {
            for t in self.cells.get(*c).map(String::as_str).unwrap_or("").split([',', ';']) {
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() && !out.iter().any(|o| o.to_lowercase() == t.to_lowercase()) {
                    out.push(t.chars().take(crate::tags::MAX_TAG).collect());
                }
            }
        }
        out
    }

    pub fn notes(&mut self) -> Option<String> {
        let mut parts: Vec<String> = self.get("notes").map(|s| vec![s.to_string()]).unwrap_or_default();
        for (c, h) in &self.ctx.note_cols {
            if let Some(v) = self.cells.get(*c).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                parts.push(format!("{h}: {v}"));
            }
        }
        let notes = parts.join("\n");
        if notes.chars().count() > MAX_LONG {
            self.issue("notes", format!("The notes are longer than {MAX_LONG} characters."));
        }
        (!notes.is_empty()).then_some(notes)
    }

    pub fn email(&mut self, field: &str) -> Option<String> {
        let v = self.get(field)?.to_lowercase();
        if !is_email(&v) || v.len() > 254 {
            self.issue(field, format!("“{}” is not a valid e-mail address.", self.get(field).unwrap_or("")));
            return None;
        }
        Some(v)
    }

    fn yes(&mut self, field: &str) -> Option<bool> {
        let v = self.get(field)?;
        let b = parse::yes_no(v);
        if b.is_none() {
            self.issue(field, format!("“{v}” is not yes or no."));
        }
        b
    }

    pub fn date(&mut self, field: &str) -> Option<DateTime<Utc>> {
        let v = self.get(field)?;
        let order = self.ctx.col(field).and_then(|c| self.ctx.orders.get(&c).copied()).unwrap_or_default();
        match parse::datetime(v, order) {
            Ok(d) => Some(d),
            Err(m) => {
                self.issue(field, m);
                None
            }
        }
    }

    fn addr(&mut self) -> Addr {
        Addr {
            street: self.text("street", MAX_SHORT),
            city: self.text("city", MAX_SHORT),
            region: self.text("region", MAX_SHORT),
            postal_code: self.text("postal_code", 40),
            country: self.text("country", 100),
        }
    }
}

fn region_of(a: &Addr) -> Option<String> {
    a.country.as_deref().filter(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic())).map(str::to_uppercase)
}

fn name_from_email(email: &str) -> (String, String) {
    let local = email.split('@').next().unwrap_or("");
    let cap = |w: &str| {
        let mut c = w.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
    };
    let words: Vec<String> = local.split(['.', '_', '-', '+']).filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit())).map(cap).collect();
    match words.len() {
        0 => (local.to_string(), String::new()),
        1 => (words[0].clone(), String::new()),
        _ => (words[0].clone(), words[1..].join(" ")),
    }
}

/// Checks one row. Returns the record (when nothing rejects it) and every issue found.
pub fn prepare(ctx: &Ctx, cells: &[String]) -> (Option<Rec>, Vec<RowIssue>) {
    let mut r = Row { ctx, cells, issues: Vec::new() };
    let rec = match ctx.kind {
        ImportKind::Contacts => Rec::Contact(contact(&mut r)),
        ImportKind::Companies => Rec::Company(company(&mut r)),
        ImportKind::Deals => Rec::Deal(deal(&mut r)),
        ImportKind::Activities => match activity(&mut r) {
            Some(a) => Rec::Activity(a),
            None => return (None, r.issues),
        },
        ImportKind::SurveyResponses => match super::surveys::survey(&mut r) {
            Some(a) => Rec::Survey(a),
            None => return (None, r.issues),
        },
        // Orders are read line by line and put together per order (see `orders`).
        ImportKind::Orders => {
            r.issue("row", "An order line is read with its order.");
            return (None, r.issues);
        }
    };
    if r.issues.is_empty() {
        (Some(rec), r.issues)
    } else {
        (None, r.issues)
    }
}

fn contact(r: &mut Row) -> ContactRec {
    let mut c = ContactRec { addr: r.addr(), ..Default::default() };
    c.first = r.text("first_name", MAX_NAME).unwrap_or_default();
    c.last = r.text("last_name", MAX_NAME).unwrap_or_default();
    if c.first.is_empty() && c.last.is_empty() {
        if let Some(full) = r.text("full_name", MAX_NAME * 2) {
            let (f, l) = match full.split_once(',') {
                Some((last, first)) => (first.trim().to_string(), last.trim().to_string()),
                None => match full.split_once(char::is_whitespace) {
                    Some((f, l)) => (f.to_string(), l.trim().to_string()),
                    None => (full.clone(), String::new()),
                },
            };
            c.first = f;
            c.last = l;
        }
    }
    for f in ["email", "email_2"] {
        if let Some(e) = r.email(f) {
            if !c.emails.contains(&e) {
                c.emails.push(e);
            }
        }
    }
    c.named = !(c.first.is_empty() && c.last.is_empty());
    if !c.named {
        match c.emails.first() {
            Some(e) => (c.first, c.last) = name_from_email(e),
            None if r.issues.is_empty() => r.issues.push(RowIssue {
                field: "first_name".into(),
                column: None,
                message: "A contact needs a name or an e-mail address; this row has neither.".into(),
            }),
            None => {}
        }
    }
    let region = region_of(&c.addr);
    for (f, label) in [("phone", "work"), ("mobile", "mobile")] {
        if let Some(p) = r.get(f) {
            match normalize_phone(p, region.as_deref()) {
                Ok(p) if !c.phones.iter().any(|x| x.0 == p) => c.phones.push((p, label)),
                Ok(_) => {}
                Err(m) => r.issue(f, m),
            }
        }
    }
    c.title = r.text("title", MAX_SHORT);
    c.company = r.text("company", MAX_NAME);
    c.owner = r.text("owner", MAX_NAME);
    if let Some(s) = r.get("lifecycle_stage") {
        c.stage = parse::lifecycle(s);
        if c.stage.is_none() {
            r.issue("lifecycle_stage", format!("“{s}” is not a lifecycle stage (New lead, Engaged lead, Opportunity, Customer, Loyal customer)."));
        }
    }
    c.lead_source = r.text("lead_source", MAX_NAME);
    c.tags = r.tags();
    c.notes = r.notes();
    if let Some(tz) = r.get("time_zone") {
        if tz.parse::<chrono_tz::Tz>().is_err() {
            r.issue("time_zone", format!("“{tz}” is not a known time zone (e.g. Europe/Berlin)."));
        }
        c.time_zone = Some(tz.to_string());
    }
    c.dnc = r.yes("do_not_contact");
    c.consent = r.yes("marketing_consent");
    c.external_id = r.text("external_id", MAX_NAME);
    c
}

fn company(r: &mut Row) -> CompanyRec {
    let mut c = CompanyRec { addr: r.addr(), ..Default::default() };
    match r.text("name", MAX_NAME) {
        Some(n) => c.name = n,
        None => r.issue("name", "The company name is missing."),
    }
    if let Some(d) = r.get("domain") {
        c.domain = parse::domain(d);
        if c.domain.is_none() {
            r.issue("domain", format!("“{d}” is not a website or domain (e.g. example.com)."));
        }
    }
    c.industry = r.text("industry", MAX_NAME);
    if let Some(s) = r.get("size_band") {
        c.size_band = parse::size_band(s);
        if c.size_band.is_none() {
            r.issue("size_band", format!("“{s}” is not a size (1, 2-10, 11-50, 51-200, 201-1000, 1000+ or a head count)."));
        }
    }
    if let Some(p) = r.get("phone") {
        match normalize_phone(p, region_of(&c.addr).as_deref()) {
            Ok(p) => c.phone = Some(p),
            Err(m) => r.issue("phone", m),
        }
    }
    c.owner = r.text("owner", MAX_NAME);
    c.tags = r.tags();
    c.notes = r.notes();
    c.external_id = r.text("external_id", MAX_NAME);
    c
}

fn deal(r: &mut Row) -> DealRec {
    let mut d = DealRec::default();
    match r.text("title", MAX_SHORT) {
        Some(t) => d.title = t,
        None => r.issue("title", "The deal title is missing."),
    }
    d.currency = match r.get("currency") {
        Some(c) => {
            let c = c.to_uppercase();
            if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
                r.issue("currency", format!("“{c}” is not a currency code (three letters, e.g. EUR)."));
            }
            c
        }
        None => r.ctx.default_currency.clone(),
    };
    if let Some(v) = r.get("value") {
        match parse::amount(v, &d.currency) {
            Ok((minor, sign)) => {
                if let Some(sign) = sign {
                    if r.get("currency").is_some_and(|c| !c.eq_ignore_ascii_case(&sign)) {
                        r.issue("value", format!("“{v}” is in {sign} but the currency column says {}.", d.currency));
                    }
                    d.currency = sign;
                }
                d.value = Some(minor);
            }
            Err(m) => r.issue("value", m),
        }
    }
    d.pipeline = r.text("pipeline", MAX_NAME);
    d.stage = r.text("stage", MAX_NAME);
    d.expected_close = r.date("expected_close").map(|t| t.date_naive());
    d.owner = r.text("owner", MAX_NAME);
    d.company = r.text("company", MAX_NAME);
    d.contact_email = r.email("contact_email");
    if let Some(p) = r.get("probability") {
        match p.trim_end_matches('%').trim().parse::<f64>() {
            Ok(x) if (0.0..=100.0).contains(&x) => d.probability = Some(x.round() as i32),
            _ => r.issue("probability", format!("“{p}” is not a probability between 0 and 100.")),
        }
    }
    d.lost_reason = r.text("lost_reason", MAX_NAME);
    d.notes = r.notes();
    d.tags = r.tags();
    d.external_id = r.text("external_id", MAX_NAME);
    d
}

fn activity(r: &mut Row) -> Option<ActivityRec> {
    let kind = match r.get("kind") {
        Some(k) => match parse::activity_kind(k) {
            Some(k) => k,
            None => {
                r.issue("kind", format!("“{k}” is not an activity kind (call, email, meeting, note or task)."));
                ActivityKind::Note
            }
        },
        None => ActivityKind::Note,
    };
    let subject = r.text("subject", MAX_SHORT);
    if subject.is_none() {
        r.issue("subject", "The subject is missing.");
    }
    let body = r.text("body", MAX_LONG);
    let occurred_at = r.date("occurred_at");
    let due_at = r.date("due_at");
    let done = r.yes("done").unwrap_or(false);
    let mut duration = None;
    if let Some(d) = r.get("duration_minutes") {
        match d.trim_end_matches("min").trim().parse::<i32>() {
            Ok(m) if (0..=10_000).contains(&m) => duration = Some(m),
            _ => r.issue("duration_minutes", format!("“{d}” is not a number of minutes.")),
        }
    }
    let outcome = r.text("outcome", MAX_SHORT);
    let contact_email = r.email("contact_email");
    let contact_external_id = r.text("contact_external_id", MAX_NAME);
    let company = r.text("company", MAX_NAME);
    let deal_external_id = r.text("deal_external_id", MAX_NAME);
    Some(ActivityRec {
        kind,
        subject: subject?,
        body,
        occurred_at,
        due_at,
        done,
        duration,
        outcome,
        contact_email,
        contact_external_id,
        company,
        deal_external_id,
    })
}
