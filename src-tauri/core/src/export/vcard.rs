//! Contacts as vCard 4.0 (RFC 6350): FN, N, EMAIL, TEL, ORG, TITLE, ADR, NOTE, CATEGORIES and
//! UID, text values escaped, lines folded at 75 octets, CRLF line ends.

use super::lists::ContactOut;
use crate::validate::format_phone;

/// Escapes a text value: backslash, comma, semicolon and line breaks.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line so no physical line exceeds 75 octets (continuations start with a
/// space), never splitting a UTF-8 character; ends every line with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    let mut limit = 75;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > limit {
            out.push_str("\r\n ");
            used = 0;
            limit = 74;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

/// A TYPE parameter from a free-text label (letters, digits and hyphens only), if any is left.
fn type_param(label: &Option<String>) -> String {
    let Some(l) = label.as_deref() else { return String::new() };
    let l: String = l.trim().to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let l = match l.as_str() {
        "mobile" | "cellphone" => "cell".to_string(),
        _ => l,
    };
    if l.is_empty() { String::new() } else { format!(";TYPE={l}") }
}

/// One contact's card.
pub fn card(c: &ContactOut) -> String {
    let mut lines: Vec<String> = vec!["BEGIN:VCARD".into(), "VERSION:4.0".into()];
    let full = crate::contacts::display_name(&c.first_name, &c.last_name);
    lines.push(format!("UID:urn:uuid:{}", c.id));
    lines.push(format!("FN:{}", escape(&full)));
    lines.push(format!("N:{};{};;;", escape(&c.last_name), escape(&c.first_name)));
    for (i, (email, label)) in c.emails.iter().enumerate() {
        let pref = if i == 0 { ";PREF=1" } else { "" };
        lines.push(format!("EMAIL{}{pref}:{}", type_param(label), escape(email)));
    }
    for (i, (phone, label)) in c.phones.iter().enumerate() {
        let pref = if i == 0 { ";PREF=1" } else { "" };
        lines.push(format!("TEL;VALUE=text{}{pref}:{}", type_param(label), escape(&format_phone(phone))));
    }
    if let Some(org) = &c.company {
        lines.push(format!("ORG:{}", escape(org)));
    }
    if let Some(t) = &c.title {
        lines.push(format!("TITLE:{}", escape(t)));
    }
    let parts = [&c.street, &c.city, &c.region, &c.postal_code, &c.country];
    if parts.iter().any(|p| p.is_some()) {
        let adr: Vec<String> = parts.iter().map(|p| escape(p.as_deref().unwrap_or(""))).collect();
        lines.push(format!("ADR:;;{}", adr.join(";")));
    }
    if let Some(n) = &c.notes {
        lines.push(format!("NOTE:{}", escape(n)));
    }
    if !c.tags.is_empty() {
        lines.push(format!("CATEGORIES:{}", c.tags.iter().map(|t| escape(t)).collect::<Vec<_>>().join(",")));
    }
    lines.push("END:VCARD".into());
    lines.iter().map(|l| fold(l)).collect()
}
