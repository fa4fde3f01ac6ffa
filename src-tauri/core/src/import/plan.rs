//! What each row will do: the keys of the live records in hash maps loaded once, and those of
//! the file's earlier rows (in memory up to a limit, then in a scratch file on disk, so a file
//! of millions of rows does not grow the app's memory), then create / update / skip per the
//! chosen rule.

use super::rows::Rec;
use super::{ImportKind, MatchBy, OnMatch, RowAction};
use crate::error::CoreResult;
use crate::sqlite::KeyStore;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// An existing record a row can match (boxed text: no spare capacity).
pub struct Known {
    pub id: Box<str>,
    pub name: Box<str>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
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
    /// Survey answers recorded already (and those of the file's earlier rows).
    pub surveys: std::collections::HashSet<String>,
    /// Pipelines in order: (id, name, stages (id, name, kind, probability) in order).
    pub pipelines: Vec<(String, String, Vec<(String, String, String)>)>,
}

pub struct Index {
    /// The keys of existing records rows are matched by (only those of the chosen rules).
    keys: HashMap<(Key, Box<str>), u32>,
    /// Existing records by id (one record can have several keys).
    by_id: HashMap<String, u32>,
    /// Existing records: numbers `0..recs.len()`; the file's own records come after them.
    recs: Vec<Known>,
    file: FileRecs,
    pub refs: Refs,
}

/// Keys and records held in memory for the file's own rows before they move to disk
/// (about 100 bytes each: ~50 MB).
pub const FILE_KEYS_IN_MEMORY: usize = 500_000;

/// The records the file's rows create (and keys the file adds to existing records): in memory
/// until `limit` entries, then all of them, and every later one, in a [`KeyStore`] on disk.
struct FileRecs {
    /// The number of the first record created by the file.
    first: u32,
    count: u32,
    keys: HashMap<(Key, Box<str>), u32>,
    /// (id, file row) of records `first + i`.
    recs: Vec<([u8; 16], u32)>,
    disk: Option<KeyStore>,
    limit: usize,
}

impl FileRecs {
    fn new(limit: usize) -> FileRecs {
        FileRecs { first: 0, count: 0, keys: HashMap::new(), recs: Vec::new(), disk: None, limit }
    }

    fn key(&self, k: &(Key, Box<str>)) -> CoreResult<Option<u32>> {
        match &self.disk {
            Some(d) => d.key(k.0 as u8, &k.1),
            None => Ok(self.keys.get(k).copied()),
        }
    }

    /// Gives `k` to record `rec` unless the key is taken.
    fn add_key(&mut self, k: (Key, Box<str>), rec: u32) -> CoreResult<()> {
        match &self.disk {
            Some(d) => d.put_key(k.0 as u8, &k.1, rec),
            None => {
                self.keys.entry(k).or_insert(rec);
                self.spill_if_full()
            }
        }
    }

    /// A new record's number.
    fn add_rec(&mut self, id: uuid::Uuid, row: u32) -> CoreResult<u32> {
        let n = self.first + self.count;
        self.count += 1;
        match &self.disk {
            Some(d) => d.put_rec(n, id.as_bytes(), row)?,
            None => {
                self.recs.push((*id.as_bytes(), row));
                self.spill_if_full()?;
            }
        }
        Ok(n)
    }

    fn rec(&self, n: u32) -> CoreResult<Option<(uuid::Uuid, u32)>> {
        if n < self.first {
            return Ok(None);
        }
        let found = match &self.disk {
            Some(d) => d.rec(n)?,
            None => self.recs.get((n - self.first) as usize).copied(),
        };
        Ok(found.map(|(id, row)| (uuid::Uuid::from_bytes(id), row)))
    }

    /// Past the limit: everything moves to a scratch file, and later entries go straight there.
    fn spill_if_full(&mut self) -> CoreResult<()> {
        if self.keys.len() + self.recs.len() < self.limit {
            return Ok(());
        }
        let d = KeyStore::create()?;
        for ((kind, key), rec) in self.keys.drain() {
            d.put_key(kind as u8, &key, rec)?;
        }
        for (i, (id, row)) in self.recs.drain(..).enumerate() {
            d.put_rec(self.first + i as u32, &id, row)?;
        }
        self.keys.shrink_to_fit();
        self.recs.shrink_to_fit();
        self.disk = Some(d);
        Ok(())
    }
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
        let mut ix = Index::empty(FILE_KEYS_IN_MEMORY);
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
            // Orders are planned per order (see `order_plan`).
            ImportKind::Orders => {}
            ImportKind::SurveyResponses => {
                for (k, id, _) in triples(db, &contact_keys("email", "contact_emails")).await?.into_iter().rev() {
                    ix.refs.contact_emails.insert(k.to_lowercase(), id);
                }
                let q = live_column("contacts", "external_id", contact_name());
                ix.refs.contact_ext = triples(db, &q).await?.into_iter().map(|(k, id, _)| (k, id)).collect();
                ix.refs.surveys = super::surveys::recorded(db).await?;
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
        if !matches!(kind, ImportKind::Activities | ImportKind::Orders | ImportKind::SurveyResponses) {
            let q = Query::select().column("name_key").column("id").from("tags").to_owned();
            ix.refs.tags = pairs(db, &q).await?.into_iter().collect();
        }
        ix.file.first = ix.recs.len() as u32;
        Ok(ix)
    }

    /// No records yet; the file's own keys move to disk past `limit` entries.
    fn empty(limit: usize) -> Index {
        Index { keys: HashMap::new(), by_id: HashMap::new(), recs: Vec::new(), file: FileRecs::new(limit), refs: Refs::default() }
    }

    /// Whether record `t` is one the file's rows create (not an existing one).
    pub fn is_new(&self, t: u32) -> bool {
        t >= self.file.first
    }

    /// Record `t`'s id and how a row that matches it names it: an existing record by its name,
    /// a record an earlier row creates by that row.
    pub fn record(&self, t: u32) -> CoreResult<Option<(String, String)>> {
        if let Some(k) = self.recs.get(t as usize) {
            return Ok(Some((k.id.to_string(), k.name.to_string())));
        }
        Ok(self.file.rec(t)?.map(|(id, row)| (id.to_string(), format!("row {row} of this file"))))
    }

    fn find(&self, key: &(Key, Box<str>)) -> CoreResult<Option<u32>> {
        match self.keys.get(key) {
            Some(i) => Ok(Some(*i)),
            None => self.file.key(key),
        }
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
            Rec::Activity(_) | Rec::Survey(_) => {}
        }
        out
    }

    /// Decides what a valid row (file row `row`) does and remembers its keys (those of the
    /// chosen rules) for the rows after it.
    pub fn decide(&mut self, rec: &Rec, row: u32, match_by: &[MatchBy], on_match: OnMatch) -> CoreResult<Decision> {
        let mut keys: Vec<(Key, Box<str>)> = Self::rec_keys(rec).into_iter().map(|(k, v)| (k, v.into())).collect();
        keys.retain(|(k, _)| match_by.iter().any(|m| rule_uses(*m, *k)));
        let mut found = None;
        'rules: for m in match_by {
            for key in keys.iter().filter(|(k, _)| rule_uses(*m, *k)) {
                if let Some(i) = self.find(key)? {
                    found = Some((i, *m));
                    break 'rules;
                }
            }
        }
        Ok(match found {
            Some((i, by)) if on_match == OnMatch::Skip => Decision { action: RowAction::Skip, target: Some(i), by: Some(by) },
            Some((i, by)) => {
                for k in keys {
                    if !self.keys.contains_key(&k) {
                        self.file.add_key(k, i)?;
                    }
                }
                Decision { action: RowAction::Update, target: Some(i), by: Some(by) }
            }
            None => {
                let i = self.file.add_rec(uuid::Uuid::now_v7(), row)?;
                for k in keys {
                    self.file.add_key(k, i)?;
                }
                Decision { action: RowAction::Create, target: Some(i), by: None }
            }
        })
    }
}

/// Whether a match rule looks at a kind of key.
fn rule_uses(m: MatchBy, k: Key) -> bool {
    matches!(
        (m, k),
        (MatchBy::Email, Key::Email) | (MatchBy::Phone, Key::Phone) | (MatchBy::ExternalId, Key::Ext) | (MatchBy::Domain, Key::Domain) | (MatchBy::Domain, Key::Name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::rows::ContactRec;

    fn contact(email: &str, phone: Option<&str>) -> Rec {
        Rec::Contact(ContactRec {
            emails: vec![email.to_string()],
            phones: phone.map(|p| (p.to_string(), "work")).into_iter().collect(),
            ..Default::default()
        })
    }

    /// The same rows decided with everything in memory and with the file's keys moved to disk
    /// after two entries give the same actions, targets and ids.
    #[test]
    fn rows_decide_the_same_before_and_after_the_keys_move_to_disk() {
        type Decided = (RowAction, Option<u32>, Option<MatchBy>, Option<(String, String)>);
        let rows = [
            contact("a@example.com", None),
            contact("b@example.com", Some("+14155550101")),
            contact("c@example.com", None),
            contact("A@example.com".to_lowercase().as_str(), None),
            contact("d@example.com", Some("+14155550101")),
            contact("e@example.com", None),
            contact("b@example.com", None),
            contact("e@example.com", Some("+14155550199")),
            contact("f@example.com", Some("+14155550199")),
        ];
        let by = [MatchBy::Email, MatchBy::Phone];
        let run = |limit: usize| {
            let mut ix = Index::empty(limit);
            let out: Vec<Decided> = rows
                .iter()
                .enumerate()
                .map(|(n, r)| {
                    let d = ix.decide(r, n as u32 + 2, &by, OnMatch::Update).unwrap();
                    let rec = d.target.and_then(|t| ix.record(t).unwrap());
                    (d.action, d.target, d.by, rec)
                })
                .collect();
            (out, ix.file.disk.is_some())
        };
        let (memory, spilled) = run(usize::MAX);
        assert!(!spilled);
        let (disk, spilled) = run(2);
        assert!(spilled, "the keys moved to the scratch file");
        let actions: Vec<RowAction> = memory.iter().map(|m| m.0).collect();
        use RowAction::{Create as C, Update as U};
        assert_eq!(actions, vec![C, C, C, U, U, C, U, U, U]);
        assert_eq!(memory[3].1, memory[0].1, "row 5 updates the record row 2 creates");
        assert_eq!(memory[4].2, Some(MatchBy::Phone), "by the phone row 3 brought");
        assert_eq!(memory[8].1, memory[5].1, "a phone learned by an update (row 9) is matched by row 10");
        assert_eq!(memory[3].3.as_ref().unwrap().1, "row 2 of this file");
        // Ids are new on each run: compare everything else, then that each run's ids agree.
        let strip = |v: &[Decided]| {
            v.iter().map(|(a, t, b, r)| (*a, *t, *b, r.as_ref().map(|r| r.1.clone()))).collect::<Vec<_>>()
        };
        assert_eq!(strip(&memory), strip(&disk));
        for run in [&memory, &disk] {
            assert_eq!(run[0].3.as_ref().unwrap().0, run[3].3.as_ref().unwrap().0, "the same id for the same record");
            assert_ne!(run[0].3.as_ref().unwrap().0, run[1].3.as_ref().unwrap().0);
        }
    }
}
