//! Companies: the organisations contacts work for.

use crate::history::{self, ActionKind};
use crate::common::{new_id, now, page_limit, Address, SortDirection};
use crate::contacts::{self, ContactFilter, ContactQuery, ContactRow};
use crate::entities::company;
use crate::error::{CoreError, CoreResult};
use crate::sqlite::{text_filter, SearchIndex};
use crate::tags;
use crate::validate::{format_phone, normalize_phone, Validator, MAX_LONG, MAX_NAME};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{JoinType, Alias, Cond, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::{Deserialize, Serialize};

/// Head-count bands, as small businesses think of their customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub enum SizeBand {
    #[serde(rename = "1")]
    Solo,
    #[serde(rename = "2-10")]
    Micro,
    #[serde(rename = "11-50")]
    Small,
    #[serde(rename = "51-200")]
    Medium,
    #[serde(rename = "201-1000")]
    Large,
    #[serde(rename = "1000+")]
    Enterprise,
}

impl SizeBand {
    pub const ALL: [SizeBand; 6] =
        [SizeBand::Solo, SizeBand::Micro, SizeBand::Small, SizeBand::Medium, SizeBand::Large, SizeBand::Enterprise];

    pub fn as_str(self) -> &'static str {
        match self {
            SizeBand::Solo => "1",
            SizeBand::Micro => "2-10",
            SizeBand::Small => "11-50",
            SizeBand::Medium => "51-200",
            SizeBand::Large => "201-1000",
            SizeBand::Enterprise => "1000+",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CompanyInput {
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub size_band: Option<SizeBand>,
    pub phone: Option<String>,
    pub owner: Option<String>,
    pub address: Address,
    pub notes: Option<String>,
    pub tags: Vec<String>,
}

impl CompanyInput {
    pub fn named(name: &str) -> Self {
        CompanyInput {
            name: name.into(),
            domain: None,
            industry: None,
            size_band: None,
            phone: None,
            owner: None,
            address: Address::default(),
            notes: None,
            tags: vec![],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CompanyDetail {
    pub id: String,
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub size_band: Option<SizeBand>,
    pub phone: Option<String>,
    pub phone_formatted: Option<String>,
    pub owner: Option<String>,
    pub address: Address,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub contact_count: u32,
    /// The first contacts (by name); the full list is `contacts_list` filtered by company.
    pub contacts: Vec<ContactRow>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CompanyRow {
    pub id: String,
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub size_band: Option<SizeBand>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub owner: Option<String>,
    pub contact_count: u32,
    pub tags: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CompanySort {
    #[default]
    Name,
    Contacts,
    Created,
    Updated,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CompanyQuery {
    pub text: Option<String>,
    pub industry: Option<String>,
    pub tag: Option<String>,
    pub owner: Option<String>,
    pub sort: CompanySort,
    pub direction: SortDirection,
    pub offset: u32,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CompanyPage {
    pub rows: Vec<CompanyRow>,
    pub total: u32,
    pub offset: u32,
}

struct Clean {
    name: String,
    domain: Option<String>,
    industry: Option<String>,
    phone: Option<String>,
    owner: Option<String>,
    address: Address,
    notes: Option<String>,
    tags: Vec<String>,
}

/// Accepts `example.com`, `www.example.com` or a URL, and keeps the bare domain.
fn clean_domain(v: &mut Validator, raw: &Option<String>) -> Option<String> {
    let d = crate::validate::clean(raw)?;
    let lower = d.to_lowercase();
    let host = lower.trim_start_matches("https://").trim_start_matches("http://");
    let host = host.split(['/', '?', '#']).next().unwrap_or("").trim_start_matches("www.");
    if crate::validate::is_email(&format!("x@{host}")) {
        Some(host.to_string())
    } else {
        v.add("domain", "invalid_domain", format!("“{d}” is not a web address (e.g. example.com)."));
        None
    }
}

fn validate(input: &CompanyInput) -> CoreResult<Clean> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    let domain = clean_domain(&mut v, &input.domain);
    let industry = v.optional("industry", &input.industry, MAX_NAME);
    let address = input.address.validated(&mut v);
    let phone = crate::validate::clean(&input.phone).and_then(|p| match normalize_phone(&p, address.country_code()) {
        Ok(n) => Some(n),
        Err(msg) => {
            v.add("phone", "invalid_phone", msg);
            None
        }
    });
    let owner = v.optional("owner", &input.owner, MAX_NAME);
    let notes = v.optional("notes", &input.notes, MAX_LONG);
    let tags = tags::clean_names(&mut v, "tags", &input.tags);
    v.finish()?;
    Ok(Clean { name, domain, industry, phone, owner, address, notes, tags })
}

fn apply(m: &mut company::ActiveModel, c: Clean, size: Option<SizeBand>) {
    m.name = Set(c.name);
    m.domain = Set(c.domain);
    m.industry = Set(c.industry);
    m.size_band = Set(size.map(|s| s.as_str().to_string()));
    m.phone = Set(c.phone);
    m.owner = Set(c.owner);
    m.notes = Set(c.notes);
    m.street = Set(c.address.street);
    m.city = Set(c.address.city);
    m.region = Set(c.address.region);
    m.postal_code = Set(c.address.postal_code);
    m.country = Set(c.address.country);
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: CompanyInput) -> CoreResult<CompanyDetail> {
    let clean = validate(&input)?;
    let tags = clean.tags.clone();
    let id = new_id();
    let t = now();
    let act = history::begin(db, ActionKind::Create, "companies", Some(&id)).await?;
    let txn = &*act;
    let mut m = company::ActiveModel { id: Set(id.clone()), created_at: Set(t), updated_at: Set(t), deleted_at: Set(None), ..Default::default() };
    apply(&mut m, clean, input.size_band);
    m.insert(txn).await?;
    tags::set_company_tags(txn, &id, &tags).await?;
    act.commit().await?;
    get(db, &id).await
}

async fn find_live<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<company::Model> {
    company::Entity::find_by_id(id.to_string())
        .filter(company::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| CoreError::not_found("company", id))
}

pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    id: &str,
    input: CompanyInput,
) -> CoreResult<CompanyDetail> {
    let existing = find_live(db, id).await?;
    let clean = validate(&input)?;
    let tags = clean.tags.clone();
    let act = history::begin(db, ActionKind::Update, "companies", Some(id)).await?;
    let txn = &*act;
    let mut m: company::ActiveModel = existing.into();
    apply(&mut m, clean, input.size_band);
    m.updated_at = Set(now());
    m.update(txn).await?;
    tags::set_company_tags(txn, id, &tags).await?;
    act.commit().await?;
    get(db, id).await
}

/// Moves a company to the trash; its contacts keep their link and get it back on restore.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let mut m: company::ActiveModel = find_live(db, id).await?.into();
    let act = history::begin(db, ActionKind::Delete, "companies", Some(id)).await?;
    m.deleted_at = Set(Some(now()));
    m.update(&*act).await?;
    act.commit().await
}

pub async fn restore<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<CompanyDetail> {
    let existing =
        company::Entity::find_by_id(id.to_string()).one(db).await?.ok_or_else(|| CoreError::not_found("company", id))?;
    if existing.deleted_at.is_some() {
        let act = history::begin(db, ActionKind::Restore, "companies", Some(id)).await?;
        let mut m: company::ActiveModel = existing.into();
        m.deleted_at = Set(None);
        m.updated_at = Set(now());
        m.update(&*act).await?;
        act.commit().await?;
    }
    get(db, id).await
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<CompanyDetail> {
    let c = find_live(db, id).await?;
    let tags = tags::names_for(db, "company_tags", "company_id", std::slice::from_ref(&c.id)).await?.remove(&c.id);
    let page = contacts::list(
        db,
        &ContactQuery {
            filter: ContactFilter { company_id: Some(c.id.clone()), ..Default::default() },
            limit: Some(200),
            ..Default::default()
        },
    )
    .await?;
    Ok(CompanyDetail {
        phone_formatted: c.phone.as_deref().map(format_phone),
        id: c.id,
        name: c.name,
        domain: c.domain,
        industry: c.industry,
        size_band: c.size_band.as_deref().and_then(SizeBand::parse),
        phone: c.phone,
        owner: c.owner,
        address: Address { street: c.street, city: c.city, region: c.region, postal_code: c.postal_code, country: c.country },
        notes: c.notes,
        tags: tags.unwrap_or_default(),
        contact_count: page.total,
        contacts: page.rows,
        created_at: c.created_at,
        updated_at: c.updated_at,
    })
}

const CONTACT_COUNT: &str =
    "(SELECT count(*) FROM contacts k WHERE k.company_id = co.id AND k.deleted_at IS NULL)";

fn condition(query: &CompanyQuery) -> Cond {
    let mut cond = Cond::all().add(Expr::col(("co", "deleted_at")).is_null());
    if let Some(i) = crate::validate::clean(&query.industry) {
        cond = cond.add(Expr::col(("co", "industry")).eq(i));
    }
    if let Some(o) = crate::validate::clean(&query.owner) {
        cond = cond.add(Expr::col(("co", "owner")).eq(o));
    }
    if let Some(tag) = crate::validate::clean(&query.tag) {
        let sub = Query::select()
            .column(("ct", "company_id"))
            .from_as("company_tags", "ct")
            .join_as(JoinType::InnerJoin, "tags", "t", Expr::col(("t", "id")).equals(("ct", "tag_id")))
            .and_where(Expr::col(("t", "name_key")).eq(tag.to_lowercase()))
            .to_owned();
        cond = cond.add(Expr::col(("co", "id")).in_subquery(sub));
    }
    if let Some(t) = query.text.as_deref().and_then(|t| text_filter(SearchIndex::Companies, "co", t)) {
        cond = cond.add(t);
    }
    cond
}

fn order(q: &mut SelectStatement, query: &CompanyQuery) {
    let o = query.direction.order();
    match query.sort {
        CompanySort::Name => q.order_by(("co", "name"), o.clone()),
        CompanySort::Contacts => q.order_by_expr(Expr::cust(CONTACT_COUNT), o.clone()),
        CompanySort::Created => q.order_by(("co", "created_at"), o.clone()),
        CompanySort::Updated => q.order_by(("co", "updated_at"), o.clone()),
    };
    q.order_by(("co", "id"), o);
}

/// Every matching company's id in the list's order, without paging (for exports).
pub fn ids_statement(query: &CompanyQuery) -> SelectStatement {
    let mut q = Query::select();
    q.column(("co", "id")).from_as("companies", "co").cond_where(condition(query));
    order(&mut q, query);
    q
}

pub async fn list<C: ConnectionTrait>(db: &C, query: &CompanyQuery) -> CoreResult<CompanyPage> {
    let cond = condition(query);
    let unfiltered = query.text.is_none() && query.industry.is_none() && query.tag.is_none() && query.owner.is_none();
    let count_q = Query::select().expr(Expr::col(("co", "id")).count()).from_as("companies", "co").cond_where(cond.clone()).to_owned();
    let total: i64 = if unfiltered {
        crate::meta::live_count(db, "companies").await? as i64
    } else {
        match db.query_one(&count_q).await? {
            Some(r) => r.try_get_by_index(0)?,
            None => 0,
        }
    };
    let mut q = Query::select();
    q.columns([
        ("co", "id"),
        ("co", "name"),
        ("co", "domain"),
        ("co", "industry"),
        ("co", "size_band"),
        ("co", "city"),
        ("co", "country"),
        ("co", "owner"),
        ("co", "updated_at"),
    ])
    .expr_as(Expr::cust(CONTACT_COUNT), Alias::new("contact_count"))
    .from_as("companies", "co")
    .cond_where(cond);
    order(&mut q, query);
    q.limit(page_limit(query.limit)).offset(query.offset as u64);
    let mut rows = Vec::new();
    for r in db.query_all(&q).await? {
        rows.push(CompanyRow {
            id: r.try_get_by_index(0)?,
            name: r.try_get_by_index(1)?,
            domain: r.try_get_by_index(2)?,
            industry: r.try_get_by_index(3)?,
            size_band: r.try_get_by_index::<Option<String>>(4)?.as_deref().and_then(SizeBand::parse),
            city: r.try_get_by_index(5)?,
            country: r.try_get_by_index(6)?,
            owner: r.try_get_by_index(7)?,
            updated_at: r.try_get_by_index(8)?,
            contact_count: r.try_get_by_index::<i64>(9)? as u32,
            tags: vec![],
        });
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut tags = tags::names_for(db, "company_tags", "company_id", &ids).await?;
    for row in &mut rows {
        row.tags = tags.remove(&row.id).unwrap_or_default();
    }
    Ok(CompanyPage { rows, total: total as u32, offset: query.offset })
}

/// Distinct industries in use, for the filter menu.
pub async fn industries<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<String>> {
    let q = Query::select()
        .distinct()
        .column("industry")
        .from("companies")
        .and_where(Expr::col("industry").is_not_null())
        .and_where(Expr::col("deleted_at").is_null())
        .order_by("industry", sea_orm::Order::Asc)
        .to_owned();
    db.query_all(&q).await?.iter().map(|r| r.try_get_by_index(0).map_err(Into::into)).collect()
}
