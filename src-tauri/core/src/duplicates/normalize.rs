//! The keys duplicates are matched on: normalised e-mails, domains, names and company names, and
//! the name similarity (Jaro-Winkler per name part, with initials, short forms and swaps).

/// Public mail providers: a shared domain there says nothing about two people.
pub(crate) const FREE_MAIL: &[&str] = &[
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "live.com", "msn.com",
    "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com",
    "gmx.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de", "mail.com", "mail.ru",
    "yandex.ru", "yandex.com", "proton.me", "protonmail.com", "zoho.com", "orange.fr", "wanadoo.fr", "free.fr",
    "laposte.net", "sfr.fr", "libero.it", "virgilio.it", "btinternet.com", "sky.com", "comcast.net", "verizon.net",
    "qq.com", "163.com", "naver.com", "fastmail.com", "hey.com", "seznam.cz", "wp.pl", "o2.pl", "interia.pl",
];

pub(crate) fn is_free_mail(domain: &str) -> bool {
    FREE_MAIL.contains(&domain)
}

/// Lowercased, trimmed; for Gmail the dots and `+tag` of the local part are dropped (Gmail
/// delivers `j.doe+crm@gmail.com` to `jdoe@gmail.com`) and googlemail.com is gmail.com.
pub(crate) fn email_key(raw: &str) -> Option<String> {
    let e = raw.trim().to_lowercase();
    let (local, domain) = e.rsplit_once('@')?;
    if local.is_empty() || domain.is_empty() {
        return None;
    }
    if domain == "gmail.com" || domain == "googlemail.com" {
        let local = local.split('+').next().unwrap_or("").replace('.', "");
        if local.is_empty() {
            return None;
        }
        return Some(format!("{local}@gmail.com"));
    }
    Some(e)
}

/// The domain of an e-mail address (lowercased).
pub(crate) fn email_domain(raw: &str) -> Option<String> {
    let e = raw.trim().to_lowercase();
    let (_, d) = e.rsplit_once('@')?;
    let d = d.trim_start_matches("www.");
    (!d.is_empty()).then(|| d.to_string())
}

/// A web domain as people type it: lowercase, without scheme, path or `www.`.
pub(crate) fn domain_key(raw: &str) -> Option<String> {
    let d = raw.trim().to_lowercase();
    let d = d.trim_start_matches("https://").trim_start_matches("http://");
    let d = d.split(['/', '?', '#']).next().unwrap_or("").trim_start_matches("www.").trim_end_matches('.');
    (!d.is_empty()).then(|| d.to_string())
}

fn fold_char(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ' | 'ậ' | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' => "a",
        'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' => "e",
        'ỉ' | 'ị' => "i",
        'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' => "o",
        'ụ' | 'ủ' | 'ư' | 'ứ' | 'ừ' | 'ử' | 'ữ' | 'ự' => "u",
        'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => "y",
        _ => "",
    }
}

/// Lowercase words with accents folded (`Chloé O'Brien-Smith` → `chloe obrien smith`):
/// apostrophes and dots vanish, other punctuation separates words.
pub(crate) fn words(s: &str) -> Vec<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.to_lowercase().chars() {
        let f = fold_char(c);
        if !f.is_empty() {
            out.push_str(f);
        } else if c.is_alphanumeric() {
            out.push(c);
        } else if c == '\'' || c == '’' || c == '.' {
            // O'Brien → obrien, B.V. → bv
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().map(str::to_string).collect()
}

/// A person's name, normalised for comparison.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct NameKey {
    pub first: String,
    pub last: String,
}

impl NameKey {
    pub fn new(first: &str, last: &str) -> Option<NameKey> {
        let first = words(first).join(" ");
        let last = words(last).join(" ");
        if first.is_empty() && last.is_empty() {
            return None;
        }
        Some(NameKey { first, last })
    }

    /// The words used to pick which names are compared at all (initials left out).
    pub fn tokens(&self) -> impl Iterator<Item = &str> {
        self.first.split(' ').chain(self.last.split(' ')).filter(|t| t.chars().count() > 1)
    }
}

const NICKNAMES: &[(&str, &str)] = &[
    ("bill", "william"), ("will", "william"), ("liam", "william"), ("bob", "robert"), ("rob", "robert"), ("bobby", "robert"),
    ("liz", "elizabeth"), ("beth", "elizabeth"), ("betty", "elizabeth"), ("kate", "katherine"), ("katie", "katherine"),
    ("kate", "catherine"), ("cathy", "catherine"), ("mike", "michael"), ("jim", "james"), ("jimmy", "james"),
    ("peggy", "margaret"), ("maggie", "margaret"), ("dick", "richard"), ("rick", "richard"), ("rich", "richard"),
    ("tony", "anthony"), ("sue", "susan"), ("ted", "edward"), ("ed", "edward"), ("ned", "edward"), ("jack", "john"),
    ("johnny", "john"), ("jon", "john"), ("jon", "jonathan"), ("jenny", "jennifer"), ("andy", "andrew"), ("drew", "andrew"),
    ("tom", "thomas"), ("tommy", "thomas"), ("nick", "nicholas"), ("steve", "stephen"), ("steve", "steven"),
    ("chuck", "charles"), ("charlie", "charles"), ("harry", "henry"), ("hank", "henry"), ("sam", "samantha"),
    ("alex", "alexandra"), ("sasha", "alexander"), ("dima", "dmitry"), ("greg", "gregory"), ("joe", "joseph"),
    ("pepe", "jose"), ("paco", "francisco"), ("fran", "francisco"), ("lukas", "lucas"), ("sophie", "sophia"), ("sofia", "sophia"),
];

/// How alike two first names are: equal 1.0; an initial, a short form (`Jon`/`Jonathan`) or a
/// known nickname 0.95; else Jaro-Winkler.
fn first_score(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() { (a, b) } else { (b, a) };
    let initial = short.chars().count() == 1 && long.starts_with(short);
    let prefix = short.chars().count() >= 3 && long.starts_with(short);
    let nick = NICKNAMES.iter().any(|(x, y)| (*x == a && *y == b) || (*x == b && *y == a));
    if initial || prefix || nick {
        0.95
    } else {
        strsim::jaro_winkler(a, b)
    }
}

/// How alike two last names are: equal 1.0; one the other's first or last word (`Doe` /
/// `Doe Smith`) 0.95; else Jaro-Winkler.
fn last_score(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.split(' ').next() == Some(short) || long.rsplit(' ').next() == Some(short) {
        0.95
    } else {
        strsim::jaro_winkler(a, b)
    }
}

/// The lowest name similarity reported as a duplicate.
pub(crate) const NAME_THRESHOLD: f64 = 0.92;

/// Similarity of two people's names in 0..=1 (the product of the first- and last-name scores,
/// or 0.97 for first and last swapped); `None` below [`NAME_THRESHOLD`].
pub(crate) fn name_similarity(a: &NameKey, b: &NameKey) -> Option<f64> {
    if a == b {
        return Some(1.0);
    }
    if !a.first.is_empty() && !a.last.is_empty() && a.first == b.last && a.last == b.first {
        return Some(0.97);
    }
    // A name with only one part compares only with the same single part (done above).
    if a.first.is_empty() || a.last.is_empty() || b.first.is_empty() || b.last.is_empty() {
        return None;
    }
    let l = last_score(&a.last, &b.last);
    if l < NAME_THRESHOLD {
        return None;
    }
    let s = first_score(&a.first, &b.first) * l;
    (s >= NAME_THRESHOLD).then_some(s)
}

/// 60 (at the threshold) to 80 (the same name).
pub(crate) fn name_confidence(score: f64) -> u8 {
    let t = ((score - NAME_THRESHOLD) / (1.0 - NAME_THRESHOLD)).clamp(0.0, 1.0);
    (60.0 + 20.0 * t).round() as u8
}

const LEGAL_SUFFIXES: &[&str] = &[
    "ltd", "limited", "gmbh", "inc", "incorporated", "llc", "llp", "sarl", "sas", "sa", "bv", "nv", "co", "corp",
    "corporation", "company", "plc", "ag", "kg", "srl", "spa", "oy", "ab", "as", "aps", "pty", "pvt", "ug", "eurl", "kft",
];

/// A company name without case, accents, punctuation, a leading "the" or legal suffixes
/// (`The Brightside Bakery Ltd.` → `brightside bakery`); `&` reads as "and".
pub(crate) fn company_key(name: &str) -> String {
    let mut w = words(&name.replace('&', " and "));
    while w.len() > 1 && w.last().is_some_and(|x| LEGAL_SUFFIXES.contains(&x.as_str())) {
        w.pop();
    }
    if w.len() > 1 && w[0] == "the" {
        w.remove(0);
    }
    w.join(" ")
}

/// The numbers in a name: "Store 2" and "Store 3" are different branches, never duplicates.
pub(crate) fn digits(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_digit()).filter(|d| !d.is_empty()).collect::<Vec<_>>().join(",")
}

/// The lowest company-name similarity reported as a duplicate.
pub(crate) const COMPANY_THRESHOLD: f64 = 0.95;

pub(crate) fn company_similarity(a: &str, b: &str) -> Option<f64> {
    if a.is_empty() || b.is_empty() || digits(a) != digits(b) {
        return None;
    }
    let s = if a == b { 1.0 } else { strsim::jaro_winkler(a, b) };
    (s >= COMPANY_THRESHOLD).then_some(s)
}

/// 60 (at the threshold) to 75 (the same name once suffixes are removed).
pub(crate) fn company_confidence(score: f64) -> u8 {
    let t = ((score - COMPANY_THRESHOLD) / (1.0 - COMPANY_THRESHOLD)).clamp(0.0, 1.0);
    (60.0 + 15.0 * t).round() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(f: &str, l: &str) -> NameKey {
        NameKey::new(f, l).unwrap()
    }

    #[test]
    fn keys() {
        assert_eq!(email_key(" J.Doe+crm@GoogleMail.com ").as_deref(), Some("jdoe@gmail.com"));
        assert_eq!(email_key("Jane.Doe+x@Acme.com").as_deref(), Some("jane.doe+x@acme.com"));
        assert_eq!(domain_key("https://www.Acme.com/about").as_deref(), Some("acme.com"));
        assert_eq!(company_key("The Brightside Bakery Ltd."), "brightside bakery");
        assert_eq!(company_key("Müller & Söhne GmbH"), "muller and sohne");
        assert_eq!(company_key("Acme B.V."), "acme");
        assert_eq!(words("Chloé O'Brien-Smith"), ["chloe", "obrien", "smith"]);
    }

    #[test]
    fn names() {
        assert_eq!(name_similarity(&n("Jane", "Doe"), &n("jane", "DOE")), Some(1.0));
        assert!(name_similarity(&n("Jon", "Smith"), &n("John", "Smith")).is_some());
        assert!(name_similarity(&n("Jon", "Smith"), &n("Jonathan", "Smith")).is_some());
        assert!(name_similarity(&n("J.", "Smith"), &n("John", "Smith")).is_some());
        assert!(name_similarity(&n("Smith", "John"), &n("John", "Smith")).is_some());
        assert!(name_similarity(&n("Jane", "Doe"), &n("Jane", "Doe-Smith")).is_some());
        assert!(name_similarity(&n("Chloé", "Dubois"), &n("Chloe", "Dubois")) == Some(1.0));
        assert!(name_similarity(&n("Liam", "Kim"), &n("Liam", "Khan")).is_none());
        assert!(name_similarity(&n("Mia", "Chen"), &n("Mei", "Chen")).is_none());
        assert!(name_similarity(&n("John", "Smith"), &n("Mary", "Smith")).is_none());
        assert!(company_similarity("northwind bakery 2", "northwind bakery 3").is_none());
        assert!(company_similarity("brightside bakery", "brightside bakeryy").is_some());
    }
}
