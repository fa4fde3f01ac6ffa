//! How `hearth-cli` prints results: JSON (the DTOs as the app sees them) or plain tables.

use hearth_core::companies::CompanyPage;
use hearth_core::contacts::{ContactDetail, ContactPage};
use hearth_core::demo::DemoSummary;
use hearth_core::search::{HitKind, SearchHit};
use serde::Serialize;

pub fn print_json<T: Serialize>(v: &T) {
    println!("{}", serde_json::to_string_pretty(v).expect("serialisable"));
}

pub fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

pub fn demo(json: bool, s: &DemoSummary) {
    if json {
        return print_json(s);
    }
    println!("Loaded the demo business: {} companies, {} contacts, {} activities.", s.companies, s.contacts, s.activities);
}

pub fn generated(json: bool, s: &hearth_core::generate::GenSummary) {
    if json {
        return print_json(s);
    }
    println!(
        "Generated {} contacts, {} companies, {} activities, {} deals, {} active enrolments and {} orders in {:.1} s.",
        s.contacts, s.companies, s.activities, s.deals, s.active_enrolments, s.orders, s.seconds
    );
}

pub fn contacts(json: bool, p: &ContactPage) {
    if json {
        return print_json(p);
    }
    println!("{:<36}  {:<28}  {:<24}  {:<32}  STAGE", "ID", "NAME", "COMPANY", "E-MAIL");
    for r in &p.rows {
        println!(
            "{:<36}  {:<28}  {:<24}  {:<32}  {}",
            r.id,
            cut(&r.display_name, 28),
            cut(r.company.as_ref().map_or("", |c| c.name.as_str()), 24),
            cut(r.primary_email.as_deref().unwrap_or(""), 32),
            r.lifecycle_stage.label()
        );
    }
    println!("{} of {} contacts (from {})", p.rows.len(), p.total, p.offset);
}

pub fn hits(json: bool, hits: &[SearchHit]) {
    if json {
        return print_json(&hits);
    }
    for h in hits {
        let kind = match h.kind {
            HitKind::Contact => "contact",
            HitKind::Company => "company",
        };
        println!("{kind:<8} {:<36}  {}  {}", h.id, h.title, h.subtitle.as_deref().unwrap_or(""));
    }
    if hits.is_empty() {
        println!("No matches.");
    }
}

pub fn contact(json: bool, c: &ContactDetail) {
    if json {
        return print_json(c);
    }
    println!("{}{}", c.display_name, c.title.as_deref().map(|t| format!(" — {t}")).unwrap_or_default());
    if let Some(co) = &c.company {
        println!("Company:        {}", co.name);
    }
    println!("Stage:          {}", c.lifecycle_stage.label());
    for e in &c.emails {
        println!("E-mail:         {}{}", e.email, if e.is_primary { " (primary)" } else { "" });
    }
    for p in &c.phones {
        println!("Phone:          {}{}", p.formatted, if p.is_primary { " (primary)" } else { "" });
    }
    if let Some(s) = &c.lead_source {
        println!("Source:         {}", s.name);
    }
    if let Some(o) = &c.owner {
        println!("Owner:          {o}");
    }
    if !c.tags.is_empty() {
        println!("Tags:           {}", c.tags.join(", "));
    }
    if let Some(t) = c.last_contacted_at {
        println!("Last contacted: {}", t.format("%Y-%m-%d %H:%M UTC"));
    }
    if let Some(t) = c.next_follow_up_at {
        println!("Next follow-up: {}", t.format("%Y-%m-%d %H:%M UTC"));
    }
    if c.do_not_contact {
        println!("Do not contact.");
    }
    println!("ID:             {}", c.id);
}

pub fn companies(json: bool, p: &CompanyPage) {
    if json {
        return print_json(p);
    }
    println!("{:<36}  {:<30}  {:<22}  {:>8}", "ID", "NAME", "INDUSTRY", "CONTACTS");
    for r in &p.rows {
        println!(
            "{:<36}  {:<30}  {:<22}  {:>8}",
            r.id,
            cut(&r.name, 30),
            cut(r.industry.as_deref().unwrap_or(""), 22),
            r.contact_count
        );
    }
    println!("{} of {} companies (from {})", p.rows.len(), p.total, p.offset);
}
