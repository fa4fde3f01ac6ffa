//! sea-orm entities: the storage shape. They never cross the IPC boundary; the domain modules
//! turn them into DTOs.
pub mod activity;
pub mod app_meta;
pub mod company;
pub mod company_tag;
pub mod contact;
pub mod contact_email;
pub mod contact_phone;
pub mod contact_tag;
pub mod lead_source;
pub mod lifecycle_change;
pub mod tag;
pub mod deal;
pub mod deal_contact;
pub mod deal_line;
pub mod deal_stage_change;
pub mod lost_reason;
pub mod pipeline;
pub mod pipeline_stage;
