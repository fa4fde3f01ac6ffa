//! After the sale through the real command registry on Tauri's mock runtime, with the JSON the
//! UI sends: the catalogue, orders and a won deal's order, purchases, tickets, surveys and what
//! they set off, reviews, referrals, suggestions, at-risk and rhythms.
use crate::common;

use common::Ipc;
use serde_json::{json, Value};

fn contact(ipc: &Ipc, first: &str, referred_by: Value) -> Value {
    let input = json!({
        "first_name": first, "last_name": "Buyer", "title": null, "company_id": null,
        "emails": [{ "email": format!("{}@example.com", first.to_lowercase()), "label": null, "is_primary": true }],
        "phones": [], "address": { "street": null, "city": null, "region": null, "postal_code": null, "country": null },
        "time_zone": null, "owner": null, "notes": null, "tags": [],
        "lifecycle_stage": "reach", "lead_source_id": null, "referred_by_id": referred_by, "do_not_contact": false
    });
    ipc.ok("contact_create", json!({ "input": input }))["id"].clone()
}

fn product(sku: &str, name: &str, price: i64, interval: Value, currency: &str, upgrade: Value) -> Value {
    json!({ "sku": sku, "name": name, "description": null, "category": null, "interval": interval, "price_minor": price, "currency": currency, "upgrade_to_id": upgrade, "addon_ids": [] })
}

fn order(contact: &Value, lines: Value) -> Value {
    json!({ "input": { "contact_id": contact, "company_id": null, "deal_id": null, "ordered_at": "2026-10-01T10:00:00Z", "currency": "EUR", "lines": lines, "note": null } })
}

fn fields(err: &Value) -> Vec<String> {
    assert_eq!(err["kind"], "validation", "{err}");
    err["errors"].as_array().unwrap().iter().map(|e| format!("{}:{}", e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect()
}

#[test]
fn products_orders_and_purchases() {
    let ipc = Ipc::new();
    let plus = ipc.ok("product_create", json!({ "input": product("PLUS", "Plus", 2_500, json!("month"), "EUR", json!(null)) }));
    let basic = ipc.ok("product_create", json!({ "input": product("BASIC", "Basic", 1_000, json!("month"), "EUR", plus["id"].clone()) }));
    assert_eq!(basic["upgrade_to"]["name"], "Plus");
    let cycle = ipc.call("product_update", json!({ "id": plus["id"], "input": product("PLUS", "Plus", 2_500, json!("month"), "EUR", basic["id"].clone()) })).unwrap_err();
    assert_eq!(fields(&cycle), ["upgrade_to_id:cycle"]);
    let cap = ipc.ok("product_create", json!({ "input": product("CAP", "Cap", 900, json!(null), "USD", json!(null)) }));
    let jane = contact(&ipc, "Jane", json!(null));
    let line = |p: &Value, q: i64| json!({ "product_id": p["id"], "name": p["name"], "quantity": q, "unit_price_minor": p["price_minor"], "discount_percent": 0 });
    let err = ipc.call("order_create", order(&jane, json!([line(&basic, 1), line(&cap, -1)]))).unwrap_err();
    assert_eq!(fields(&err), ["lines.1.quantity:not_positive", "lines.1.product_id:mixed_currency"]);
    assert_eq!(ipc.ok("orders_list", json!({ "query": { "contact_id": null, "company_id": null, "status": null, "from": null, "to": null, "offset": 0, "limit": null } }))["total"], 0);
    let o = ipc.ok("order_create", order(&jane, json!([line(&basic, 1)])));
    assert_eq!(o["summary"]["total_minor"], 1_000);
    assert_eq!(o["subscriptions"].as_array().unwrap().len(), 1);
    let over = ipc.call("order_refund", json!({ "id": o["summary"]["id"], "amountMinor": 1_001, "reason": null })).unwrap_err();
    assert_eq!(fields(&over), ["amount_minor:over_paid"]);
    let p = ipc.ok("purchases_of", json!({ "id": jane, "company": false }));
    assert_eq!((p["orders"].clone(), p["spent"][0]["amount_minor"].clone()), (json!(1), json!(1_000)));
    let detail = ipc.ok("contact_get", json!({ "id": jane }));
    assert_eq!(detail["lifecycle_stage"], "retention", "the first purchase makes a customer");
    let sugg = ipc.ok("suggestions_for", json!({ "contactId": jane }));
    assert_eq!(sugg[0]["kind"], "upsell");
    assert_eq!(sugg[0]["product"]["name"], "Plus");
    assert!(ipc.ok("opportunities_list", json!({})).as_array().unwrap().iter().any(|s| s["contact"]["id"] == jane));
    let deal = ipc.ok("suggestion_to_deal", json!({ "contactId": jane, "productId": plus["id"], "kind": "upsell" }));
    assert_eq!(deal["title"], "Upgrade to Plus — Jane Buyer");
    assert!(ipc.ok("suggestions_for", json!({ "contactId": jane })).as_array().unwrap().iter().all(|s| s["product"]["name"] != "Plus"), "offered in an open deal now");
    assert!(ipc.ok("product_rules_list", json!({})).as_array().unwrap().is_empty(), "one customer: no pairs yet");
    let rules = ipc.ok("purchase_rules_get", json!({}));
    assert_eq!(rules["loyal_after_orders"], 2);
    let bad = ipc.call("purchase_rules_set", json!({ "rules": { "loyal_after_orders": 1, "loyal_on_referral": true, "orders_from_won_deals": true } })).unwrap_err();
    assert_eq!(fields(&bad), ["loyal_after_orders:out_of_range"]);
    let tpl = ipc.ok("onboarding_template_create", json!({ "input": { "name": "Welcome", "product_id": basic["id"], "tier": null, "active": true, "items": [{ "title": "Kickoff call", "offset_days": 2 }] } }));
    assert_eq!(tpl["items"][0]["offset_days"], 2);
    ipc.ok("order_create", order(&jane, json!([line(&basic, 1)])));
    let ob = ipc.ok("onboardings_of_contact", json!({ "contactId": jane }));
    assert_eq!(ob[0]["steps"][0]["title"], "Kickoff call");
    assert_eq!(ipc.ok("contact_get", json!({ "id": jane }))["lifecycle_stage"], "loyalty", "a repeat purchase");
}

#[test]
fn tickets_surveys_reviews_referrals_and_risk() {
    let ipc = Ipc::new();
    let ann = contact(&ipc, "Ann", json!(null));
    let bob = contact(&ipc, "Bob", ann.clone());
    let ticket = json!({ "subject": "Login fails", "description": null, "category": "technical", "priority": "high", "channel": "email", "contact_id": ann, "company_id": null, "opened_at": null });
    let bad = ipc.call("ticket_create", json!({ "input": { "subject": "", "description": null, "category": "technical", "priority": "high", "channel": "email", "contact_id": null, "company_id": null, "opened_at": null } })).unwrap_err();
    assert_eq!(fields(&bad), ["subject:required", "contact_id:required"]);
    let t = ipc.ok("ticket_create", json!({ "input": ticket }));
    assert_eq!(t["ticket"]["status"], "new");
    assert!(t["ticket"]["first_response"]["minutes_left"].as_i64().unwrap() > 0);
    let id = t["ticket"]["id"].clone();
    let replied = ipc.ok("ticket_add_note", json!({ "id": id, "body": "On it", "reply": true }));
    assert!(replied["ticket"]["first_response_at"].is_string());
    assert_eq!(replied["ticket"]["status"], "open");
    ipc.ok("ticket_set_status", json!({ "id": id, "status": "closed" }));
    let closed = ipc.call("ticket_set_status", json!({ "id": id, "status": "waiting" })).unwrap_err();
    assert_eq!(fields(&closed), ["status:closed"]);
    assert!(ipc.ok("tickets_list", json!({ "query": { "queue": true, "status": null, "contact_id": null, "company_id": null, "limit": null } })).as_array().unwrap().is_empty());
    let levels = ipc.ok("service_levels", json!({}));
    assert_eq!(levels.as_array().unwrap().len(), 3);

    let survey = |score: i64| json!({ "input": { "contact_id": ann, "kind": "nps", "score": score, "comment": "Slow", "answered_at": null, "source": "manual" } });
    let out = ipc.call("survey_record", survey(11)).unwrap_err();
    assert_eq!(fields(&out), ["score:out_of_range"]);
    let low = ipc.ok("survey_record", survey(3));
    assert!(low["ticket_id"].is_string(), "a detractor opens a ticket");
    assert_eq!(ipc.ok("survey_scores", json!({ "contactId": ann }))["nps"], 3);
    let rules = ipc.ok("survey_rules_set", json!({ "rules": { "on_low": "task", "on_high": "referral_request" } }));
    assert_eq!(rules["on_low"], "task");
    let review = ipc.call("review_add", json!({ "input": { "contact_id": ann, "platform": "Google", "rating": 0, "link": null, "body": null, "reviewed_at": null } })).unwrap_err();
    assert_eq!(fields(&review), ["rating:out_of_range"]);
    ipc.ok("review_add", json!({ "input": { "contact_id": ann, "platform": "Google", "rating": 5, "link": "https://g.example/1", "body": "Great", "reviewed_at": null } }));
    assert_eq!(ipc.ok("reviews_list", json!({ "contactId": ann })).as_array().unwrap().len(), 1);
    let reward = ipc.ok("reward_add", json!({ "input": { "referrer_id": ann, "referred_id": bob, "reward": "A free month" } }));
    ipc.ok("reward_set_given", json!({ "id": reward, "given": true }));
    let refs = ipc.ok("referrers_list", json!({}));
    assert_eq!(refs[0]["referred"][0]["contact"]["id"], bob);
    assert_eq!(refs[0]["rewards"][0]["status"], "given");
    let bad = ipc.call("rhythm_set", json!({ "contactId": ann, "everyDays": 400 })).unwrap_err();
    assert_eq!(fields(&bad), ["every_days:out_of_range"]);
    assert_eq!(ipc.ok("rhythm_set", json!({ "contactId": ann, "everyDays": 30 })), 30);
    assert_eq!(ipc.ok("rhythm_get", json!({ "contactId": ann })), 30);
    // Ann is not a customer: the at-risk list (customers only) leaves her out.
    assert!(ipc.ok("at_risk_list", json!({})).as_array().unwrap().iter().all(|r| r["contact"]["id"] != ann));
}
