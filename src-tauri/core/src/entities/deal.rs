use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "deals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub title: String,
    pub pipeline_id: String,
    pub stage_id: String,
    pub status: String,
    pub company_id: Option<String>,
    pub owner: Option<String>,
    pub value_minor: i64,
    pub currency: String,
    pub expected_close: Option<Date>,
    pub probability: Option<i32>,
    pub source_id: Option<String>,
    pub next_step: Option<String>,
    pub lost_reason_id: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub lost_note: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
    #[sea_orm(column_type = "Double")]
    pub rank: f64,
    pub stage_entered_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub version: i32,
    pub external_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
