use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contacts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub title: Option<String>,
    pub company_id: Option<String>,
    pub time_zone: Option<String>,
    pub owner: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
    pub lifecycle_stage: String,
    pub lead_source_id: Option<String>,
    pub referred_by_id: Option<String>,
    pub do_not_contact: bool,
    pub last_contacted_at: Option<DateTimeUtc>,
    pub next_follow_up_at: Option<DateTimeUtc>,
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub external_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
