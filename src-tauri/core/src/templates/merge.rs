//! Merge fields in templates: `{{first_name}}`, or `{{first_name|there}}` with a fallback used
//! when the contact has no value. Parsing names every problem (an unknown field, with the
//! nearest known one; an unclosed `{{`); rendering reports the fields that were empty and had
//! no fallback, so an e-mail is flagged before it goes.

use std::collections::BTreeMap;

/// The fields every template knows, with what they hold.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("first_name", "The contact's first name"),
    ("last_name", "The contact's last name"),
    ("full_name", "The contact's full name"),
    ("email", "The contact's e-mail address"),
    ("title", "The contact's job title"),
    ("company", "The contact's company"),
    ("city", "The contact's city"),
    ("country", "The contact's country"),
    ("owner_name", "Your name (Settings → Your name)"),
    ("signature", "Your e-mail signature (Settings → E-mail)"),
    ("unsubscribe", "A line telling how to stop these e-mails"),
];

/// Fields that may be empty without the e-mail being held (no signature set up is fine).
pub const MAY_BE_EMPTY: &[&str] = &["signature", "unsubscribe"];

/// What `{{unsubscribe}}` says (there is no web page to click offline: a reply is the way).
pub const UNSUBSCRIBE_LINE: &str = "If you would rather not get these e-mails, reply with “unsubscribe” and you will not hear from us again.";

/// One `{{…}}` in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub key: String,
    pub fallback: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(Placeholder),
}

/// A problem with a template's text, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeProblem {
    pub code: &'static str,
    pub message: String,
}

fn pieces(text: &str) -> Result<Vec<Piece>, MergeProblem> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_string()));
        }
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            let shown: String = after.chars().take(20).collect();
            return Err(MergeProblem { code: "unclosed_field", message: format!("“{{{{{shown}” has no closing “}}}}”.") });
        };
        let inner = &after[..close];
        if inner.contains("{{") {
            return Err(MergeProblem { code: "unclosed_field", message: format!("“{{{{{inner}” has no closing “}}}}”.") });
        }
        let (key, fallback) = match inner.split_once('|') {
            Some((k, f)) => (k.trim(), Some(f.trim().to_string())),
            None => (inner.trim(), None),
        };
        out.push(Piece::Field(Placeholder { key: key.to_lowercase(), fallback }));
        rest = &after[close + 2..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    Ok(out)
}

/// The placeholders of a text, or its first problem: unclosed braces, an empty or unknown
/// field (`known` lists the custom keys besides the built-in ones).
pub fn placeholders(text: &str, known: &[String]) -> Result<Vec<Placeholder>, MergeProblem> {
    let mut out = Vec::new();
    for p in pieces(text)? {
        let Piece::Field(f) = p else { continue };
        if f.key.is_empty() {
            return Err(MergeProblem { code: "empty_field", message: "“{{}}” names no field.".into() });
        }
        let is_known = BUILT_IN.iter().any(|(k, _)| *k == f.key) || known.contains(&f.key);
        if !is_known {
            let all = BUILT_IN.iter().map(|(k, _)| k.to_string()).chain(known.iter().cloned());
            let nearest = all.map(|k| (strsim::jaro_winkler(&k, &f.key), k)).max_by(|a, b| a.0.total_cmp(&b.0));
            let hint = match nearest {
                Some((score, k)) if score > 0.8 => format!(" Did you mean {{{{{k}}}}}?"),
                _ => String::new(),
            };
            return Err(MergeProblem { code: "unknown_field", message: format!("{{{{{}}}}} is not a merge field.{hint}", f.key) });
        }
        out.push(f);
    }
    Ok(out)
}

/// The text with every placeholder replaced by its value, its fallback when the value is
/// empty, or nothing; and the keys that were empty without a fallback.
pub fn fill(text: &str, values: &BTreeMap<String, String>) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut missing = Vec::new();
    let Ok(ps) = pieces(text) else { return (text.to_string(), missing) };
    for p in ps {
        match p {
            Piece::Text(t) => out.push_str(&t),
            Piece::Field(f) => match values.get(&f.key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                Some(v) => out.push_str(v),
                None => match &f.fallback {
                    Some(fb) => out.push_str(fb),
                    None => {
                        if !missing.contains(&f.key) && !MAY_BE_EMPTY.contains(&f.key.as_str()) {
                            missing.push(f.key.clone());
                        }
                    }
                },
            },
        }
    }
    (out, missing)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Links in an escaped line become anchors.
fn linked(line: &str) -> String {
    let mut out = String::new();
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let bare = word.trim_end_matches(['.', ',', ')', ';', ':']);
        if (bare.starts_with("https://") || bare.starts_with("http://")) && bare.len() > 8 {
            out.push_str(&format!("<a href=\"{bare}\">{bare}</a>{}", &word[bare.len()..]));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// The HTML part of an e-mail from its text: paragraphs at blank lines, line breaks kept,
/// links made clickable, everything else escaped.
pub fn html_of(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", p.lines().map(|l| linked(&escape(l))).collect::<Vec<_>>().join("<br>\n")))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><body style=\"font-family: -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2328\">\n{}\n</body></html>\n",
        paragraphs.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> BTreeMap<String, String> {
        [("first_name", "Ana"), ("company", ""), ("owner_name", "Sam")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn fields_are_filled_with_values_or_fallbacks_and_missing_ones_are_named() {
        let (text, missing) = fill("Hi {{first_name}}, from {{ owner_name }} at {{company|our studio}}. {{title}}!", &values());
        assert_eq!(text, "Hi Ana, from Sam at our studio. !");
        assert_eq!(missing, vec!["title".to_string()]);
        assert_eq!(fill("No fields", &values()), ("No fields".to_string(), vec![]));
    }

    #[test]
    fn bad_placeholders_are_named_with_a_suggestion() {
        let custom = vec!["booking_link".to_string()];
        assert_eq!(placeholders("{{first_name}} {{booking_link|soon}}", &custom).unwrap().len(), 2);
        let e = placeholders("Hi {{frist_name}}", &custom).unwrap_err();
        assert_eq!(e.code, "unknown_field");
        assert!(e.message.contains("{{frist_name}}") && e.message.contains("{{first_name}}"), "{}", e.message);
        assert_eq!(placeholders("Hi {{first_name", &custom).unwrap_err().code, "unclosed_field");
        assert_eq!(placeholders("Hi {{ }}", &custom).unwrap_err().code, "empty_field");
        assert_eq!(placeholders("Hi {{zzz}}", &custom).unwrap_err().message, "{{zzz}} is not a merge field.");
    }

    #[test]
    fn html_is_escaped_with_paragraphs_breaks_and_links() {
        let html = html_of("Hi <b>Ana</b> & co,\nsee https://example.com/offer.\n\nBest");
        assert!(html.contains("<p>Hi &lt;b&gt;Ana&lt;/b&gt; &amp; co,<br>\nsee <a href=\"https://example.com/offer\">https://example.com/offer</a>.</p>"), "{html}");
        assert!(html.contains("<p>Best</p>"));
    }
}
