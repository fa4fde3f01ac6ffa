//! Regional formats: the default currency for new deals, orders, products and imports; the
//! language-and-region whose conventions format numbers and dates; the order of day, month and
//! year; the 12- or 24-hour clock; and the first day of the week in calendars and date pickers.
//!
//! Kept in `app_meta` under [`KEY`] as JSON, so they travel with the data (a backup, a moved data
//! folder). Until the owner chooses, the currency is the one most live deals use (EUR without
//! deals) and everything else follows the system.

use crate::error::{CoreError, CoreResult};
use crate::meta;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

pub const KEY: &str = "regional";

/// How dates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// As the chosen language and region write them.
    #[default]
    System,
    /// 6 Dec 2026.
    DayMonthYear,
    /// Dec 6, 2026.
    MonthDayYear,
    /// 2026-12-06.
    YearMonthDay,
}

/// 12-hour (2:30 PM) or 24-hour (14:30) times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    #[default]
    System,
    H12,
    H24,
}

/// The first day of calendar weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum WeekStart {
    /// The chosen language and region's first day (Sunday in the US, Monday in most of Europe).
    #[default]
    System,
    Monday,
    Saturday,
    Sunday,
}

/// What the owner chose. `locale` empty: the system's language and region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RegionalInput {
    /// ISO 4217 code, e.g. "EUR".
    pub currency: String,
    /// A BCP 47 tag such as "en-GB" or "de-CH"; "" for the system's.
    pub locale: String,
    pub date_order: DateOrder,
    pub clock: Clock,
    pub week_start: WeekStart,
}

/// The settings in force, and whether the currency was chosen or inferred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Regional {
    pub chosen: RegionalInput,
    /// False while the currency is inferred from the deals (nothing saved yet).
    pub saved: bool,
}

/// Currencies in use today (ISO 4217), for validation and the picker.
pub const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD",
    "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE",
    "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF",
    "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS",
    "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR",
    "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK",
    "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD",
    "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR",
    "ZMW", "ZWG",
];

/// The settings in force (the inferred currency until the owner saves a choice).
pub async fn get<C: ConnectionTrait>(db: &C) -> CoreResult<Regional> {
    if let Some(json) = meta::get(db, KEY).await? {
        if let Ok(chosen) = serde_json::from_str::<RegionalInput>(&json) {
            return Ok(Regional { chosen, saved: true });
        }
    }
    let chosen = RegionalInput {
        currency: usual_deal_currency(db).await?,
        locale: String::new(),
        date_order: DateOrder::System,
        clock: Clock::System,
        week_start: WeekStart::System,
    };
    Ok(Regional { chosen, saved: false })
}

/// The default currency for new deals, orders, products and imports.
pub async fn currency<C: ConnectionTrait>(db: &C) -> CoreResult<String> {
    Ok(get(db).await?.chosen.currency)
}

/// Checks and saves the owner's choice; nothing is saved when a field is wrong.
pub async fn set<C: ConnectionTrait>(db: &C, input: RegionalInput) -> CoreResult<Regional> {
    let chosen = validate(input)?;
    let json = serde_json::to_string(&chosen).map_err(|e| CoreError::Storage { message: e.to_string() })?;
    meta::set(db, KEY, &json).await?;
    Ok(Regional { chosen, saved: true })
}

/// Trims and upper-cases the currency, checks it and the locale's shape.
pub fn validate(mut input: RegionalInput) -> CoreResult<RegionalInput> {
    input.currency = input.currency.trim().to_ascii_uppercase();
    if !CURRENCIES.contains(&input.currency.as_str()) {
        let msg = if input.currency.is_empty() {
            "Choose a default currency, e.g. EUR.".to_string()
        } else {
            format!("“{}” is not a currency code: use three letters such as EUR, USD or GBP.", input.currency)
        };
        return Err(CoreError::invalid("currency", "unknown_currency", msg));
    }
    input.locale = input.locale.trim().replace('_', "-");
    if !input.locale.is_empty() && !locale_shape(&input.locale) {
        return Err(CoreError::invalid(
            "locale",
            "bad_locale",
            format!("“{}” is not a language and region: write it like en-GB, de-CH or fr-CA.", input.locale),
        ));
    }
    Ok(input)
}

/// "en", "en-GB", "zh-Hant-TW", "es-419": a 2–3 letter language, an optional 4-letter script,
/// an optional region (2 letters or 3 digits).
fn locale_shape(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or_default();
    if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    let (script, region) = match rest.as_slice() {
        [] => (None, None),
        [one] if one.len() == 4 => (Some(*one), None),
        [one] => (None, Some(*one)),
        [s, r] => (Some(*s), Some(*r)),
        _ => return false,
    };
    let script_ok = script.is_none_or(|s| {
        s.len() == 4 && s.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && s.chars().skip(1).all(|c| c.is_ascii_lowercase())
    });
    let region_ok = region.is_none_or(|r| {
        (r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase())) || (r.len() == 3 && r.chars().all(|c| c.is_ascii_digit()))
    });
    script_ok && region_ok
}

/// The currency most live deals use (EUR when there are none).
async fn usual_deal_currency<C: ConnectionTrait>(db: &C) -> CoreResult<String> {
    let q = Query::select()
        .column("currency")
        .expr_as(Expr::col("id").count(), Alias::new("n"))
        .from("deals")
        .and_where(Expr::col("deleted_at").is_null())
        .group_by_col("currency")
        .order_by(Alias::new("n"), Order::Desc)
        .limit(1)
        .to_owned();
    Ok(match db.query_one(&q).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => "EUR".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(currency: &str, locale: &str) -> RegionalInput {
        RegionalInput {
            currency: currency.into(),
            locale: locale.into(),
            date_order: DateOrder::System,
            clock: Clock::System,
            week_start: WeekStart::System,
        }
    }

    #[test]
    fn locales_are_checked_by_shape() {
        for ok in ["en", "en-GB", "de-CH", "zh-Hant-TW", "es-419", "fil-PH", "sr-Latn"] {
            assert!(locale_shape(ok), "{ok}");
        }
        for bad in ["english", "EN-gb", "en-gb", "en-", "-GB", "en-GB-x", "e1-GB", "en-1234"] {
            assert!(!locale_shape(bad), "{bad}");
        }
    }

    #[test]
    fn validation_normalizes_and_names_the_field() {
        let v = validate(input(" usd ", "en_US")).unwrap();
        assert_eq!((v.currency.as_str(), v.locale.as_str()), ("USD", "en-US"));
        let field = |r: CoreResult<RegionalInput>| match r {
            Err(CoreError::Validation { errors }) => errors[0].field.clone(),
            other => panic!("expected a validation error, got {other:?}"),
        };
        assert_eq!(field(validate(input("EURO", ""))), "currency");
        assert_eq!(field(validate(input("", ""))), "currency");
        assert_eq!(field(validate(input("EUR", "German"))), "locale");
    }
}
