#![allow(dead_code)]
use hearth_core::companies::{self, CompanyInput};
use hearth_core::contacts::{self, ContactDetail, ContactInput, EmailInput, PhoneInput};
use hearth_core::DatabaseConnection;

pub async fn db() -> DatabaseConnection {
    hearth_core::open_memory_database().await.expect("in-memory database")
}

pub fn jane() -> ContactInput {
    let mut c = ContactInput::named("Jane", "Doe");
    c.emails = vec![EmailInput { email: "Jane.Doe@Example.com".into(), label: Some("work".into()), is_primary: false }];
    c.phones = vec![PhoneInput { phone: "+44 20 7946 0958".into(), label: None, is_primary: true }];
    c.title = Some("Owner".into());
    c.tags = vec!["VIP".into(), "newsletter".into(), "vip".into()];
    c.notes = Some("Loves sourdough".into());
    c
}

pub async fn create_jane(db: &DatabaseConnection) -> ContactDetail {
    contacts::create(db, jane()).await.expect("create Jane")
}

pub async fn company(db: &DatabaseConnection, name: &str) -> String {
    companies::create(db, CompanyInput::named(name)).await.expect("create company").id
}
