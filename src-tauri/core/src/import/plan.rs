//! What each row will do: the keys of the live records (and of the file's earlier rows) in
//! hash maps loaded once, then create / update / skip per the chosen rule.

use super::rows::Rec;
use super::{ImportKind, MatchBy, OnMatch, RowAction};
use crate::error::CoreResult;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// A record a row can match: an existing one or one an earlier row creates. One per row of a
/// file, so kept small (boxed text: no spare capacity).
pub struct Known {
    pub id: Box<str>,
    pub name: Box<str>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Email,
    Phone,
    Ext,
    Domain,
    Name,
}

/// Names → ids of the records a row refers to (companies by name, contacts by e-mail …).
#[derive(Default)]
pub struct Refs {
    pub companies: HashMap<String, String>,
    pub contact_emails: HashMap<String, String>,
    pub contact_ext: HashMap<String, String>,
    pub deal_ext: HashMap<String, String>,
    pub lead_sources: HashMap<String, String>,
    pub tags: HashMap<String, String>,
    pub lost_reasons: HashMap<String, String>,
    /// Pipelines in order: (id, name, stages (id, name, kind, probability) in order).
    pub pipelines: Vec<(String, String, Vec<(String, String, String)>)>,
}

pub struct Index {
    /// The keys rows are matched by (only those of the chosen rules).
    keys: HashMap<(Key, Box<str>), u32>,
    /// Existing records by id (one record can have several keys).
    by_id: HashMap<String, u32>,
    pub recs: Vec<Known>,
    pub refs: Refs,
}

pub struct Decision {
    pub action: RowAction,
    pub target: Option<u32>,
    pub by: Option<MatchBy>,
}

async fn pairs<C: ConnectionTrait>(db: &C, q: &SelectStatement) -> CoreResult<Vec<(String, String)>> {
    let rows = db.query_all(q).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push((r.try_get_by_index::<String>(0)?, r.try_get_by_index::<String>(1)?));
    }
    Ok(out)
}

/// `SELECT key, id, name FROM …` rows.
async fn triples<C: ConnectionTrait>(db: &C, q: &SelectStatement) -> CoreResult<Vec<(String, String, String)>> {
    let rows = db.query_all(q).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push((r.try_get_by_index::<String>(0)?, r.try_get_by_index::<String>(1)?, r.try_get_by_index::<String>(2)?));
    }
    Ok(out)
}

fn contact_name() -> Expr {
    Expr::cust("trim(c.first_name || ' ' || c.last_name)")
}

fn contact_keys(col: &'static str, table: &'static str) -> SelectStatement {
    Query::select()
        .expr(Expr::col(("k", col)))
        .column(("c", "id"))
        .expr(contact_name())
        .from_as(table, "k")
        .join_as(JoinType::InnerJoin, "contacts", Alias::new("c"), Expr::col(("c", "id")).equals(("k", "contact_id")))
        .and_where(Expr::col(("c", "deleted_at")).is_null())
        .to_owned()
}

fn live_column(table: &'static str, key: &'static str, name: Expr) -> SelectStatement {
    Query::select()
        .column(("c", key))
        .column(("c", "id"))
        .expr(name)
        .from_as(table, "c")
        .and_where(Expr::col(("c", "deleted_at")).is_null())
        .and_where(Expr::col(("c", key)).is_not_null())
        .to_owned()
}

async fn name_map<C: ConnectionTrait>(db: &C, table: &'static str, live: bool) -> CoreResult<HashMap<String, String>> {
    let mut q = Query::select();
    q.expr(Func::lower(Expr::col("name"))).column("id").from(table);
    if live {
        q.and_where(Expr::col("deleted_at").is_null());
    }
    Ok(pairs(db, &q).await?.into_iter().rev().collect())
}

impl Index {
    pub async fn load<C: ConnectionTrait>(db: &C, kind: ImportKind, match_by: &[MatchBy]) -> CoreResult<Index> {
        let mut ix = Index { keys: HashMap::new(), by_id: HashMap::new(), recs: Vec::new(), refs: Refs::default() };
        let wants = |m: MatchBy| match_by.contains(&m);
        let company_name = Expr::col(("c", "name"));
        match kind {
            ImportKind::Contacts => {
                if wants(MatchBy::Email) {
                    for (k, id, name) in triples(db, &contact_keys("email", "contact_emails")).await? {
                        ix.add_existing(Key::Email, k.to_lowercase(), id, name);
                    }
                }
                if wants(MatchBy::Phone) {
                    for (k, id, name) in triples(db, &contact_keys("phone", "contact_phones")).await? {
                        ix.add_existing(Key::Phone, k, id, name);
                    }
                }
                if wants(MatchBy::ExternalId) {
                    for (k, id, name) in triples(db, &live_column("contacts", "external_id", contact_name())).await? {
                        ix.add_existing(Key::Ext, k, id, name);
                    }
                }
                ix.refs.companies = name_map(db, "companies", true).await?;
                let q = Query::select().column("name_key").column("id").from("lead_sources").to_owned();
                ix.refs.lead_sources = pairs(db, &q).await?.into_iter().collect();
            }
            ImportKind::Companies => {
                if wants(MatchBy::Domain) {
                    for (k, id, name) in triples(db, &live_column("companies", "domain", company_name.clone())).await? {
                        ix.add_existing(Key::Domain, k.to_lowercase(), id, name);
                    }
                    let q = live_column("companies", "name", company_name.clone());
                    for (k, id, name) in triples(db, &q).await? {
                        ix.add_existing(Key::Name, k.to_lowercase(), id, name);
                    }
                }
                if wants(MatchBy::Phone) {
                    for (k, id, name) in triples(db, &live_column("companies", "phone", company_name.clone())).await? {
                        ix.add_existing(Key::Phone, k, id, name);
                    }
                }
                if wants(MatchBy::ExternalId) {
                    for (k, id, name) in triples(db, &live_column("companies", "external_id", company_name)).await? {
                        ix.add_existing(Key::Ext, k, id, name);
                    }
                }
            }
            ImportKind::Deals | ImportKind::Activities => {
                if kind == ImportKind::Deals && wants(MatchBy::ExternalId) {
                    for (k, id, name) in triples(db, &live_column("deals", "external_id", Expr::col(("c", "title")))).await? {
                        ix.add_existing(Key::Ext, k, id, name);
                    }
                }
                ix.refs.companies = name_map(db, "companies", true).await?;
                for (k, id, _) in triples(db, &contact_keys("email", "contact_emails")).await?.into_iter().rev() {
                    ix.refs.contact_emails.insert(k.to_lowercase(), id);
                }
                if kind == ImportKind::Activities {
                    let q = live_column("contacts", "external_id", contact_name());
                    ix.refs.contact_ext = triples(db, &q).await?.into_iter().map(|(k, id, _)| (k, id)).collect();
                    let q = live_column("deals", "external_id", Expr::col(("c", "title")));
                    ix.refs.deal_ext = triples(db, &q).await?.into_iter().map(|(k, id, _)| (k, id)).collect();
                }
                if kind == ImportKind::Deals {
                    ix.refs.lost_reasons = name_map(db, "lost_reasons", false).await?;
                    let q = Query::select()
                        .column(("p", "id"))
                        .column(("p", "name"))
                        .column(("s", "id"))
                        .column(("s", "name"))
                        .column(("s", "kind"))
                        .from_as("pipelines", "p")
                        .join_as(JoinType::InnerJoin, "pipeline_stages", Alias::new("s"), Expr::col(("s", "pipeline_id")).equals(("p", "id")))
                        .order_by(("p", "position"), Order::Asc)
                        .order_by(("s", "position"), Order::Asc)
                        .to_owned();
                    for r in db.query_all(&q).await? {
                        let pid: String = r.try_get_by_index(0)?;
                        if ix.refs.pipelines.last().is_none_or(|p| p.0 != pid) {
                            ix.refs.pipelines.push((pid, r.try_get_by_index(1)?, Vec::new()));
                        }
                        if let Some(p) = ix.refs.pipelines.last_mut() {
                            p.2.push((r.try_get_by_index(2)?, r.try_get_by_index(3)?, r.try_get_by_index(4)?));
                        }
                    }
                }
            }
        }
        if kind != ImportKind::Activities {
            let q = Query::select().column("name_key").column("id").from("tags").to_owned();
            ix.refs.tags = pairs(db, &q).await?.into_iter().collect();
        }
        Ok(ix)
    }

    fn add_existing(&mut self, key: Key, k: String, id: String, name: String) {
        let i = match self.by_id.get(&id) {
            Some(i) => *i,
            None => {
                let i = self.recs.len() as u32;
                self.by_id.insert(id.clone(), i);
                self.recs.push(Known { id: id.into(), name: name.into() });
                i
            }
        };
        self.keys.entry((key, k.into())).or_insert(i);
    }

    fn rec_keys(rec: &Rec) -> Vec<(Key, String)> {
        let mut out = Vec::new();
        match rec {
            Rec::Contact(c) => {
                out.extend(c.emails.iter().map(|e| (Key::Email, e.clone())));
                out.extend(c.phones.iter().map(|p| (Key::Phone, p.0.clone())));
                out.extend(c.external_id.iter().map(|e| (Key::Ext, e.clone())));
            }
            Rec::Company(c) => {
                // The domain first; the name when no record has that domain.
                out.extend(c.domain.iter().map(|d| (Key::Domain, d.clone())));
                out.push((Key::Name, c.name.to_lowercase()));
                out.extend(c.phone.iter().map(|p| (Key::Phone, p.clone())));
                out.extend(c.external_id.iter().map(|e| (Key::Ext, e.clone())));
            }
            Rec::Deal(d) => out.extend(d.external_id.iter().map(|e| (Key::Ext, e.clone()))),
            Rec::Activity(_) => {}
        }
        out
    }

    fn name_of(rec: &Rec) -> String {
        match rec {
            Rec::Contact(c) => crate::contacts::display_name(&c.first, &c.last),
            Rec::Company(c) => c.name.clone(),
            Rec::Deal(d) => d.title.clone(),
            Rec::Activity(a) => a.subject.clone(),
        }
    }

    /// Decides what a valid row does and remembers its keys (those of the chosen rules) for the
    /// rows after it.
    pub fn decide(&mut self, rec: &Rec, match_by: &[MatchBy], on_match: OnMatch) -> Decision {
        let mut keys: Vec<(Key, Box<str>)> = Self::rec_keys(rec).into_iter().map(|(k, v)| (k, v.into())).collect();
        keys.retain(|(k, _)| match_by.iter().any(|m| rule_uses(*m, *k)));
        let mut found = None;
        'rules: for m in match_by {
            for key in keys.iter().filter(|(k, _)| rule_uses(*m, *k)) {
                if let Some(i) = self.keys.get(key) {
                    found = Some((*i, *m));
                    break 'rules;
                }
            }
        }
        match found {
            Some((i, by)) if on_match == OnMatch::Skip => Decision { action: RowAction::Skip, target: Some(i), by: Some(by) },
            Some((i, by)) => {
                for k in keys {
                    self.keys.entry(k).or_insert(i);
                }
                Decision { action: RowAction::Update, target: Some(i), by: Some(by) }
            }
            None => {
                let i = self.recs.len() as u32;
                self.recs.push(Known { id: crate::common::new_id().into(), name: Self::name_of(rec).into() });
                for k in keys {
                    self.keys.entry(k).or_insert(i);
                }
                Decision { action: RowAction::Create, target: Some(i), by: None }
            }
        }
    }
}

/// Whether a match rule looks at a kind of key.
fn rule_uses(m: MatchBy, k: Key) -> bool {
    matches!(
        (m, k),
        (MatchBy::Email, Key::Email) | (MatchBy::Phone, Key::Phone) | (MatchBy::ExternalId, Key::Ext) | (MatchBy::Domain, Key::Domain) | (MatchBy::Domain, Key::Name)
    )
}
