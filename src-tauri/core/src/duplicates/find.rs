//! The duplicate finder over the whole database.
//!
//! Contacts are linked by a shared normalised e-mail (95), a shared phone (85) and similar names
//! (60–80) within the same company or the same (non-public) e-mail domain; companies by a shared
//! domain (80) and very similar names once legal suffixes are removed (60–75). Links are united
//! into groups (A shares an e-mail with B and a phone with C: one group), each with its
//! strongest link as reason and confidence.
//!
//! Two guards keep shared values from gluing unrelated records together: a value shared by
//! more than [`MAX_SHARED`] records (a switchboard number, `info@`, a placeholder) is not a
//! duplicate signal, and an e-mail domain with more than [`MAX_DOMAIN_BLOCK`] contacts is
//! treated like a public mail provider (names are still compared within each company).

use super::load::{load, parse_time, primary_emails, Data, Person};
use super::normalize::{
    company_confidence, company_key, company_similarity, digits, domain_key, email_domain, email_key, is_free_mail,
    name_confidence, name_similarity, NameKey,
};
use super::{DuplicateGroup, DuplicatePage, DuplicateQuery, DuplicateReason, DuplicateRecord, RecordKind};
use crate::contacts::display_name;
use crate::error::CoreResult;
use crate::validate::{format_phone, normalize_phone};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

pub(crate) const MAX_SHARED: usize = 10;
pub(crate) const MAX_DOMAIN_BLOCK: usize = 500;

pub(crate) const EMAIL_CONFIDENCE: u8 = 95;
pub(crate) const PHONE_CONFIDENCE: u8 = 85;
pub(crate) const DOMAIN_CONFIDENCE: u8 = 80;

struct Sets {
    parent: Vec<u32>,
    best: Vec<Option<(u8, DuplicateReason, String)>>,
}

impl Sets {
    fn new(n: usize) -> Self {
        Sets { parent: (0..n as u32).collect(), best: vec![None; n] }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    fn same(&mut self, a: usize, b: usize) -> bool {
        self.find(a as u32) == self.find(b as u32)
    }

    /// Links two records; the set keeps its strongest link (the first of equal ones).
    fn link(&mut self, a: usize, b: usize, confidence: u8, reason: DuplicateReason, detail: impl FnOnce() -> String) {
        let (ra, rb) = (self.find(a as u32), self.find(b as u32));
        let root = if ra != rb {
            self.parent[rb as usize] = ra;
            let other = self.best[rb as usize].take();
            if let Some(o) = other {
                if self.best[ra as usize].as_ref().is_none_or(|x| o.0 > x.0) {
                    self.best[ra as usize] = Some(o);
                }
            }
            ra
        } else {
            ra
        };
        if self.best[root as usize].as_ref().is_none_or(|x| confidence > x.0) {
            self.best[root as usize] = Some((confidence, reason, detail()));
        }
    }

    /// Groups of two or more, with their strongest link.
    fn groups(mut self) -> Vec<(u8, DuplicateReason, String, Vec<usize>)> {
        let n = self.parent.len();
        let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
        for i in 0..n {
            let r = self.find(i as u32);
            if self.best[r as usize].is_some() {
                members.entry(r).or_default().push(i);
            }
        }
        members
            .into_iter()
            .filter(|(_, m)| m.len() > 1)
            .filter_map(|(r, m)| self.best[r as usize].take().map(|(c, reason, d)| (c, reason, d, m)))
            .collect()
    }
}

/// Records grouped by a key; keys held by 2..=MAX_SHARED distinct records link them.
fn link_shared(sets: &mut Sets, keys: HashMap<String, Vec<usize>>, confidence: u8, reason: DuplicateReason, show: impl Fn(&str) -> String) {
    let mut keys: Vec<(String, Vec<usize>)> = keys.into_iter().collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    for (key, mut ids) in keys {
        ids.sort_unstable();
        ids.dedup();
        if ids.len() < 2 || ids.len() > MAX_SHARED {
            continue;
        }
        for &other in &ids[1..] {
            sets.link(ids[0], other, confidence, reason, || show(&key));
        }
    }
}

fn phone_key(raw: &str) -> Option<String> {
    let p = raw.trim();
    if p.len() > 4 && p.starts_with('+') && p[1..].bytes().all(|b| b.is_ascii_digit()) {
        Some(p.to_string())
    } else {
        normalize_phone(p, None).ok()
    }
}

/// Compares the names within one block (a company's contacts, or a domain's).
fn link_names(sets: &mut Sets, people: &[Person], keys: &[Option<NameKey>], block: &[usize], place: &str) {
    // Same normalised name: linked without comparing.
    let mut distinct: Vec<(&NameKey, usize)> = Vec::new();
    let mut seen: HashMap<&NameKey, usize> = HashMap::new();
    for &i in block {
        let Some(k) = &keys[i] else { continue };
        match seen.get(k) {
            Some(&first) => {
                if !sets.same(first, i) {
                    let p = &people[i];
                    sets.link(first, i, name_confidence(1.0), DuplicateReason::SimilarName, || {
                        format!("{} at {place} (the same name)", display_name(&p.first, &p.last))
                    });
                }
            }
            None => {
                seen.insert(k, i);
                distinct.push((k, i));
            }
        }
    }
    if distinct.len() < 2 {
        return;
    }
    // Different names are compared only when they share a word (first or last name).
    let mut by_token: HashMap<&str, Vec<usize>> = HashMap::new();
    for (d, (k, _)) in distinct.iter().enumerate() {
        for t in k.tokens() {
            by_token.entry(t).or_default().push(d);
        }
    }
    let mut last_seen = vec![usize::MAX; distinct.len()];
    for (d, (k, i)) in distinct.iter().enumerate() {
        for t in k.tokens() {
            let Some(list) = by_token.get(t) else { continue };
            for &e in list {
                if e <= d || last_seen[e] == d {
                    continue;
                }
                last_seen[e] = d;
                let (k2, j) = distinct[e];
                if sets.same(*i, j) {
                    continue;
                }
                if let Some(score) = name_similarity(k, k2) {
                    let (a, b) = (&people[*i], &people[j]);
                    sets.link(*i, j, name_confidence(score), DuplicateReason::SimilarName, || {
                        format!("{} ≈ {} at {place}", display_name(&a.first, &a.last), display_name(&b.first, &b.last))
                    });
                }
            }
        }
    }
}

fn contact_groups(data: &Data) -> Vec<(u8, DuplicateReason, String, Vec<usize>)> {
    let people = &data.people;
    let mut sets = Sets::new(people.len());
    let mut emails: HashMap<String, Vec<usize>> = HashMap::new();
    let mut phones: HashMap<String, Vec<usize>> = HashMap::new();
    let mut domains: HashMap<String, Vec<usize>> = HashMap::new();
    let mut companies: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        for e in &p.emails {
            if let Some(k) = email_key(e) {
                emails.entry(k).or_default().push(i);
            }
        }
        for e in &p.loose_emails {
            if let Some(d) = email_domain(e).filter(|d| !is_free_mail(d)) {
                let v = domains.entry(d).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        for ph in &p.phones {
            if let Some(k) = phone_key(ph) {
                phones.entry(k).or_default().push(i);
            }
        }
        if let Some(c) = p.company {
            companies.entry(c).or_default().push(i);
        }
    }
    link_shared(&mut sets, emails, EMAIL_CONFIDENCE, DuplicateReason::SameEmail, str::to_string);
    link_shared(&mut sets, phones, PHONE_CONFIDENCE, DuplicateReason::SamePhone, format_phone);
    let keys: Vec<Option<NameKey>> = people.iter().map(|p| NameKey::new(&p.first, &p.last)).collect();
    // A domain's block: the contacts without a company who write from it, and the contacts of
    // the companies whose website it is (people within one company are compared below).
    let mut firms_by_domain: HashMap<String, Vec<u32>> = HashMap::new();
    for (c, f) in data.firms.iter().enumerate() {
        if let Some(d) = f.domain.as_deref().and_then(domain_key) {
            if domains.contains_key(&d) {
                firms_by_domain.entry(d).or_default().push(c as u32);
            }
        }
    }
    let mut domain_blocks: Vec<(String, Vec<usize>)> = Vec::new();
    for (d, mut block) in domains {
        for c in firms_by_domain.get(&d).into_iter().flatten() {
            block.extend(companies.get(c).into_iter().flatten().copied());
        }
        if block.len() > 1 && block.len() <= MAX_DOMAIN_BLOCK {
            domain_blocks.push((d, block));
        }
    }
    domain_blocks.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut companies: Vec<(u32, Vec<usize>)> = companies.into_iter().filter(|(_, m)| m.len() > 1).collect();
    companies.sort_unstable_by_key(|(c, _)| *c);
    for (c, block) in companies {
        link_names(&mut sets, people, &keys, &block, &data.firms[c as usize].name);
    }
    for (d, block) in domain_blocks {
        link_names(&mut sets, people, &keys, &block, &d);
    }
    sets.groups()
}

fn company_groups(data: &Data) -> Vec<(u8, DuplicateReason, String, Vec<usize>)> {
    let firms = &data.firms;
    let mut sets = Sets::new(firms.len());
    let mut domains: HashMap<String, Vec<usize>> = HashMap::new();
    let mut names: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, f) in firms.iter().enumerate() {
        if let Some(d) = f.domain.as_deref().and_then(domain_key).filter(|d| !is_free_mail(d)) {
            domains.entry(d).or_default().push(i);
        }
        let k = company_key(&f.name);
        if !k.is_empty() {
            names.entry(k).or_default().push(i);
        }
    }
    link_shared(&mut sets, domains, DOMAIN_CONFIDENCE, DuplicateReason::SameDomain, str::to_string);
    // The same name once suffixes are gone; then similar names within (first word, numbers).
    let mut names: Vec<(String, Vec<usize>)> = names.into_iter().collect();
    names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut blocks: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (n, (key, ids)) in names.iter().enumerate() {
        for &other in &ids[1..] {
            let name = &firms[ids[0]].name;
            sets.link(ids[0], other, company_confidence(1.0), DuplicateReason::SimilarName, || format!("{name} ≈ {}", firms[other].name));
        }
        let first = key.split(' ').next().unwrap_or("").to_string();
        blocks.entry((first, digits(key))).or_default().push(n);
    }
    let mut blocks: Vec<_> = blocks.into_values().filter(|b| b.len() > 1).collect();
    blocks.sort_unstable();
    for block in blocks {
        for (x, &a) in block.iter().enumerate() {
            for &b in &block[x + 1..] {
                let (i, j) = (names[a].1[0], names[b].1[0]);
                if sets.same(i, j) {
                    continue;
                }
                if let Some(s) = company_similarity(&names[a].0, &names[b].0) {
                    sets.link(i, j, company_confidence(s), DuplicateReason::SimilarName, || format!("{} ≈ {}", firms[i].name, firms[j].name));
                }
            }
        }
    }
    sets.groups()
}

fn subtitle(parts: [Option<&str>; 2]) -> Option<String> {
    let v: Vec<&str> = parts.into_iter().flatten().filter(|s| !s.is_empty()).collect();
    (!v.is_empty()).then(|| v.join(" · "))
}

fn person_record(data: &Data, emails: &HashMap<String, String>, i: usize) -> CoreResult<DuplicateRecord> {
    let p = &data.people[i];
    let company = p.company.map(|c| data.firms[c as usize].name.as_str());
    Ok(DuplicateRecord {
        id: p.id.clone(),
        name: display_name(&p.first, &p.last),
        subtitle: subtitle([company, emails.get(&p.id).map(String::as_str)]),
        created_at: parse_time(&p.created_at)?,
    })
}

fn firm_record(data: &Data, i: usize) -> CoreResult<DuplicateRecord> {
    let f = &data.firms[i];
    Ok(DuplicateRecord {
        id: f.id.clone(),
        name: f.name.clone(),
        subtitle: subtitle([f.domain.as_deref(), f.city.as_deref()]),
        created_at: parse_time(&f.created_at)?,
    })
}

/// Prints how long each phase took when `HEARTH_TRACE` is set.
fn trace(started: &std::time::Instant, what: &str) {
    if std::env::var_os("HEARTH_TRACE").is_some() {
        eprintln!("{:>8.1} ms  duplicates: {what}", started.elapsed().as_secs_f64() * 1000.0);
    }
}

pub(crate) async fn find<C: ConnectionTrait>(db: &C, q: &DuplicateQuery) -> CoreResult<DuplicatePage> {
    let started = std::time::Instant::now();
    let want = |k: RecordKind| q.kind.is_none_or(|x| x == k);
    let data = load(db, want(RecordKind::Contact)).await?;
    trace(&started, "read");
    // (confidence, sort name, kind, reason, detail, members oldest first)
    let mut all = Vec::new();
    let mut add = |kind: RecordKind, groups: Vec<(u8, DuplicateReason, String, Vec<usize>)>| {
        for (c, reason, detail, mut m) in groups {
            let created = |i: usize| match kind {
                RecordKind::Contact => (&data.people[i].created_at, &data.people[i].id),
                RecordKind::Company => (&data.firms[i].created_at, &data.firms[i].id),
            };
            m.sort_by(|a, b| created(*a).cmp(&created(*b)));
            let name = match kind {
                RecordKind::Contact => display_name(&data.people[m[0]].first, &data.people[m[0]].last),
                RecordKind::Company => data.firms[m[0]].name.clone(),
            }
            .to_lowercase();
            all.push((c, name, kind, reason, detail, m));
        }
    };
    if want(RecordKind::Contact) {
        add(RecordKind::Contact, contact_groups(&data));
        trace(&started, "contact groups");
    }
    if want(RecordKind::Company) {
        add(RecordKind::Company, company_groups(&data));
        trace(&started, "company groups");
    }
    all.sort_by(|a, b| {
        b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)).then_with(|| (a.2 == RecordKind::Company).cmp(&(b.2 == RecordKind::Company))).then_with(|| {
            let id = |g: &(u8, String, RecordKind, DuplicateReason, String, Vec<usize>)| match g.2 {
                RecordKind::Contact => data.people[g.5[0]].id.clone(),
                RecordKind::Company => data.firms[g.5[0]].id.clone(),
            };
            id(a).cmp(&id(b))
        })
    });
    trace(&started, "sorted");
    let total = all.len() as u32;
    let limit = q.limit.unwrap_or(50).clamp(1, 500) as usize;
    let page: Vec<_> = all.into_iter().skip(q.offset as usize).take(limit).collect();
    let page_people: Vec<String> =
        page.iter().filter(|g| g.2 == RecordKind::Contact).flat_map(|g| g.5.iter().map(|&i| data.people[i].id.clone())).collect();
    let emails = primary_emails(db, &page_people).await?;
    let mut groups = Vec::with_capacity(page.len());
    for (confidence, _, kind, reason, detail, m) in page {
        let mut records = Vec::with_capacity(m.len());
        for i in m {
            records.push(match kind {
                RecordKind::Contact => person_record(&data, &emails, i)?,
                RecordKind::Company => firm_record(&data, i)?,
            });
        }
        groups.push(DuplicateGroup { kind, reason, detail, confidence, records });
    }
    Ok(DuplicatePage { groups, total })
}
