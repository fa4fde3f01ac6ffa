use crate::common;

use common::*;
use hearth_core::companies::{self, CompanyInput};
use hearth_core::contacts;
use hearth_core::search::{search, HitKind};

async fn titles(db: &hearth_core::DatabaseConnection, q: &str) -> Vec<String> {
    search(db, q, None).await.unwrap().into_iter().map(|h| h.title).collect()
}

#[tokio::test]
async fn finds_contacts_by_any_part() {
    let db = db().await;
    let acme = company(&db, "Acme Bakery").await;
    let mut input = jane();
    input.company_id = Some(acme);
    create_jane_with(&db, input).await;
    for q in ["j", "ja", "Jan", "jane d", "DOE", "jane.doe@exa", "example.com", "7946 0958", "0958", "2079460958", "acme", "vip", "sourdough", "own"] {
        assert!(titles(&db, q).await.contains(&"Jane Doe".to_string()), "query {q:?} should find Jane");
    }
    for q in ["zzz", "  ", "bakeryx", "*", "\"", "OR"] {
        assert!(!titles(&db, q).await.contains(&"Jane Doe".to_string()), "query {q:?} should not find Jane");
    }
}

async fn create_jane_with(db: &hearth_core::DatabaseConnection, input: hearth_core::contacts::ContactInput) -> String {
    contacts::create(db, input).await.unwrap().id
}

#[tokio::test]
async fn index_follows_edits_renames_and_deletes() {
    let db = db().await;
    let acme = company(&db, "Acme").await;
    let mut input = jane();
    input.company_id = Some(acme.clone());
    let id = create_jane_with(&db, input.clone()).await;
    // Rename the contact.
    input.first_name = "Janet".into();
    input.emails[0].email = "janet@new.example".into();
    input.tags = vec!["gold".into()];
    contacts::update(&db, &id, input).await.unwrap();
    assert!(titles(&db, "janet").await.contains(&"Janet Doe".to_string()));
    assert!(titles(&db, "gold").await.contains(&"Janet Doe".to_string()));
    assert!(!titles(&db, "example.com").await.contains(&"Janet Doe".to_string()), "old e-mail left the index");
    assert!(titles(&db, "vip").await.is_empty(), "old tag left the index");
    // Rename the company: its contacts are found by the new name.
    let mut co = CompanyInput::named("Globex");
    co.domain = Some("https://www.globex.example/about".into());
    let updated = companies::update(&db, &acme, co).await.unwrap();
    assert_eq!(updated.domain.as_deref(), Some("globex.example"));
    let hits = search(&db, "globex", None).await.unwrap();
    assert!(hits.iter().any(|h| h.kind == HitKind::Company && h.title == "Globex"));
    assert!(hits.iter().any(|h| h.kind == HitKind::Contact && h.title == "Janet Doe"));
    // Delete the company: it leaves the index.
    companies::delete(&db, &acme).await.unwrap();
    assert!(search(&db, "globex", None).await.unwrap().iter().all(|h| h.kind != HitKind::Company));
}
