//! Crash safety: the real writer (`hearth-cli write-stream`) is killed with SIGKILL at random
//! moments, at least 200 times (`HEARTH_CRASH_ROUNDS` changes that, `HEARTH_CRASH_SEED` replays
//! a run). After every kill the database must reopen, pass `integrity_check`, keep its search
//! index in step with its rows, and hold every write the writer acknowledged.
#![cfg(unix)]

use hearth_core::{activities, contacts, open_database, sqlite};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The whole test stops (and fails) rather than run past this.
const TIME_LIMIT: Duration = Duration::from_secs(600);

#[derive(Default)]
struct Acks {
    contacts: Vec<(String, String)>,
    activities: Vec<String>,
    titles: Vec<(String, String)>,
}

impl Acks {
    fn record(&mut self, line: &str) {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts.as_slice() {
            ["contact", id, email] => self.contacts.push((id.to_string(), email.to_string())),
            ["activity", id] => self.activities.push(id.to_string()),
            ["update", id, title] => self.titles.push((id.to_string(), title.to_string())),
            _ => panic!("the writer printed something unexpected: {line:?}"),
        }
    }

    fn len(&self) -> usize {
        self.contacts.len() + self.activities.len() + self.titles.len()
    }
}

/// A small xorshift generator: no dependency, and a seed replays a run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Starts the writer, kills it after `delay`, and returns the lines it acknowledged (a line
/// cut off by the kill, without its newline, does not count).
fn run_and_kill(db: &Path, prefix: &str, delay: Duration) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hearth-cli"))
        .arg("--db")
        .arg(db)
        .args(["write-stream", "--prefix", prefix])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start hearth-cli");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        let mut lines = Vec::new();
        let mut line = String::new();
        while r.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
            if line.ends_with('\n') {
                lines.push(line.trim_end().to_string());
            }
            line.clear();
        }
        lines
    });
    std::thread::sleep(delay);
    let still_running = child.try_wait().expect("poll the writer").is_none();
    child.kill().ok(); // SIGKILL
    let status = child.wait().expect("reap the writer");
    if !still_running {
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err).ok();
        panic!("the writer stopped by itself ({status}): {err}");
    }
    reader.join().expect("reader thread")
}

async fn verify(db: &Path, acks: &Acks, from: &Acks) {
    let conn = open_database(db).await.expect("the database reopens after a kill");
    let check = conn
        .query_all_raw(Statement::from_string(DbBackend::Sqlite, "PRAGMA integrity_check"))
        .await
        .unwrap();
    let lines: Vec<String> = check.iter().map(|r| r.try_get_by_index(0).unwrap()).collect();
    assert_eq!(lines, vec!["ok".to_string()], "integrity_check after a kill");
    let in_step = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT (SELECT count(*) FROM contacts_fts) - (SELECT count(*) FROM contacts WHERE deleted_at IS NULL)",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    assert_eq!(in_step, 0, "the search index has one row per live contact");
    for (id, email) in acks.contacts.iter().skip(from.contacts.len()) {
        let c = contacts::get(&conn, id).await.unwrap_or_else(|e| panic!("acknowledged contact {id} is missing: {e}"));
        assert_eq!(c.emails.first().map(|e| e.email.as_str()), Some(email.as_str()));
        assert_eq!(c.tags.len(), 1, "its tag link was written with it");
    }
    for id in acks.activities.iter().skip(from.activities.len()) {
        activities::get(&conn, id).await.unwrap_or_else(|e| panic!("acknowledged activity {id} is missing: {e}"));
    }
    for (id, title) in acks.titles.iter().skip(from.titles.len()) {
        let c = contacts::get(&conn, id).await.unwrap();
        assert_eq!(c.title.as_deref(), Some(title.as_str()), "acknowledged update of {id}");
    }
    assert_eq!(sqlite::quick_check(&conn).await.unwrap(), Vec::<String>::new());
    conn.close().await.unwrap();
}

#[test]
fn acknowledged_writes_survive_sigkill_at_random_moments() {
    let rounds: usize = std::env::var("HEARTH_CRASH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let seed: u64 = std::env::var("HEARTH_CRASH_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    eprintln!("crash test: {rounds} rounds, HEARTH_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let started = Instant::now();
    let mut acks = Acks::default();
    let mut kills_mid_stream = 0;
    for round in 0..rounds {
        assert!(started.elapsed() < TIME_LIMIT, "only {round} rounds in {TIME_LIMIT:?}");
        // Early kills land while the writer opens (and, in round 0, creates and migrates) the
        // database; later ones in the middle of its writes.
        let delay = Duration::from_millis(20 + rng.next() % 480);
        let before = Acks { contacts: acks.contacts.clone(), activities: acks.activities.clone(), titles: acks.titles.clone() };
        let lines = run_and_kill(&db, &format!("r{round}"), delay);
        if !lines.is_empty() {
            kills_mid_stream += 1;
        }
        for l in &lines {
            acks.record(l);
        }
        rt.block_on(verify(&db, &acks, &before));
    }
    // Every acknowledged write of every round, once more at the end.
    rt.block_on(verify(&db, &acks, &Acks::default()));
    eprintln!(
        "crash test: {rounds} kills ({kills_mid_stream} mid-stream), {} acknowledged writes, all present, in {:.0?}",
        acks.len(),
        started.elapsed()
    );
    assert!(kills_mid_stream >= rounds / 2, "most kills must land during writes ({kills_mid_stream} of {rounds})");
    assert!(acks.contacts.len() > rounds, "the writer got going ({} contacts)", acks.contacts.len());
}
