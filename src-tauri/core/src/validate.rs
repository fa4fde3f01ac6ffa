//! Input validation that collects every problem with a form at once, so the UI can show each
//! message next to its field and nothing is written.

use crate::error::{CoreError, CoreResult, FieldError};
use chrono::{DateTime, Datelike, Utc};

pub const MAX_NAME: usize = 200;
pub const MAX_SHORT: usize = 500;
pub const MAX_LONG: usize = 10_000;

#[derive(Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

/// Trims a text input and turns an empty one into `None`.
pub fn clean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.into(), code: code.into(), message: message.into() });
    }

    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// A required text: trimmed, not empty, not longer than `max` characters.
    pub fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        let v = value.trim().to_string();
        if v.is_empty() {
            self.add(field, "required", "This field is required.");
        } else {
            self.max_len(field, &v, max);
        }
        v
    }

    /// An optional text: trimmed, empty means absent, not longer than `max` characters.
    pub fn optional(&mut self, field: &str, value: &Option<String>, max: usize) -> Option<String> {
        let v = clean(value);
        if let Some(s) = &v {
            self.max_len(field, s, max);
        }
        v
    }

    /// Not longer than `max` characters, and free of control characters (tabs and line breaks
    /// aside): they come from pasted or imported text, are invisible, and break exports.
    pub fn max_len(&mut self, field: &str, value: &str, max: usize) {
        let n = value.chars().count();
        if n > max {
            self.add(field, "too_long", format!("At most {max} characters ({n} given)."));
        } else if value.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
            self.add(field, "control_characters", "This text holds invisible control characters; type it again or paste it as plain text.");
        }
    }

    /// A timestamp a person could mean: between 1900 and 2200.
    pub fn date(&mut self, field: &str, value: &Option<DateTime<Utc>>) {
        if let Some(d) = value {
            if !(1900..=2200).contains(&d.year()) {
                self.add(field, "out_of_range", "Dates must be between the years 1900 and 2200.");
            }
        }
    }

    pub fn email(&mut self, field: &str, value: &str) -> String {
        let v = value.trim().to_lowercase();
        if v.is_empty() {
            self.add(field, "required", "Enter an e-mail address or remove this row.");
        } else if !is_email(&v) {
            self.add(field, "invalid_email", format!("“{}” is not a valid e-mail address.", value.trim()));
        } else {
            self.max_len(field, &v, 254);
        }
        v
    }

    pub fn phone(&mut self, field: &str, value: &str, region: Option<&str>) -> String {
        match normalize_phone(value, region) {
            Ok(p) => p,
            Err(message) => {
                self.add(field, "invalid_phone", message);
                value.trim().to_string()
            }
        }
    }

    pub fn time_zone(&mut self, field: &str, value: &Option<String>) -> Option<String> {
        let v = clean(value);
        if let Some(tz) = &v {
            if tz.parse::<chrono_tz::Tz>().is_err() {
                self.add(field, "invalid_time_zone", format!("“{tz}” is not a known time zone (e.g. Europe/Berlin)."));
            }
        }
        v
    }

    pub fn finish(self) -> CoreResult<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(CoreError::Validation { errors: self.errors })
        }
    }
}

/// A pragmatic e-mail check: one `@`, a non-empty local part without spaces, and a domain with
/// a dot and label characters only.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    if local.is_empty() || local.len() > 64 || domain.contains('@') || s.chars().any(char::is_whitespace) {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
}

/// Normalises a phone number to E.164. Numbers without a `+` country code are read in
/// `region` (an ISO 3166 alpha-2 code; `US` when none is known).
pub fn normalize_phone(raw: &str, region: Option<&str>) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("Enter a phone number or remove this row.".into());
    }
    let country = region
        .and_then(|r| r.trim().to_uppercase().parse::<phonenumber::country::Id>().ok())
        .unwrap_or(phonenumber::country::Id::US);
    match phonenumber::parse(Some(country), raw) {
        Ok(n) if phonenumber::is_valid(&n) => Ok(n.format().mode(phonenumber::Mode::E164).to_string()),
        _ => Err(format!("“{raw}” is not a valid phone number; include the country code, e.g. +44 20 7946 0958.")),
    }
}

/// An E.164 number in international format for display (`+44 20 7946 0958`).
pub fn format_phone(e164: &str) -> String {
    phonenumber::parse(None, e164)
        .map(|n| n.format().mode(phonenumber::Mode::International).to_string())
        .unwrap_or_else(|_| e164.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["a@b.co", "jane.doe+crm@example.com", "élodie@exemple.fr"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in ["", "a", "a@b", "a@@b.com", "a b@c.com", "@b.com", "a@-b.com", "a@b.c", "a..b@c.com"] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones_normalise_to_e164() {
        assert_eq!(normalize_phone("+44 20 7946 0958", None).unwrap(), "+442079460958");
        assert_eq!(normalize_phone("(415) 555-2671", Some("us")).unwrap(), "+14155552671");
        assert_eq!(normalize_phone("030 901820", Some("DE")).unwrap(), "+4930901820");
        assert!(normalize_phone("12", None).is_err());
        assert!(normalize_phone("call me", None).is_err());
        assert_eq!(format_phone("+442079460958"), "+44 20 7946 0958");
    }

    #[test]
    fn validator_collects_all_errors() {
        let mut v = Validator::new();
        v.required("first_name", "  ", MAX_NAME);
        v.email("emails.0.email", "nope");
        v.optional("notes", &Some("x".repeat(MAX_LONG + 1)), MAX_LONG);
        let Err(CoreError::Validation { errors }) = v.finish() else { panic!("expected validation error") };
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(fields, [("first_name", "required"), ("emails.0.email", "invalid_email"), ("notes", "too_long")]);
        let mut v = Validator::new();
        v.required("first_name", "Ada\u{0}\u{1b}[31m", 100);
        v.optional("notes", &Some("line one\n\tline two\r\n".into()), 100);
        v.optional("title", &Some("Chef\u{85}cuisine".into()), 100);
        let codes: Vec<(String, String)> = match v.finish() {
            Err(crate::CoreError::Validation { errors }) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(codes, [("first_name".into(), "control_characters".into()), ("title".into(), "control_characters".into())]);
    }
}
