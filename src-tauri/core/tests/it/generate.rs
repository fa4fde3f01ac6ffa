use crate::common;

use hearth_core::deals::{self, BoardQuery};
use hearth_core::generate::{self, GenOptions};
use hearth_core::pipelines::{self, StageKind};
use hearth_core::DatabaseConnection;
use sea_orm::{ConnectionTrait, Statement};

async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get_by_index(0).unwrap()
}

#[tokio::test]
async fn generated_deals_are_consistent_with_their_stages_and_history() {
    let db = common::db().await;
    let opts = GenOptions::new(500, 3);
    assert_eq!((opts.open_deals, opts.closed_deals), (50, 200), "deals scale with contacts");
    let reference = GenOptions::scale("reference", 1).unwrap();
    assert_eq!((reference.open_deals, reference.closed_deals), (10_000, 40_000));
    let summary = generate::generate(&db, opts).await.unwrap();
    assert_eq!(summary.deals, 250);

    let p = pipelines::list(&db).await.unwrap().remove(0);
    let board = deals::board(&db, &BoardQuery { pipeline_id: p.id.clone(), cards_per_column: Some(500), ..Default::default() })
        .await
        .unwrap();
    let count = |kind: StageKind| board.columns.iter().filter(|c| c.stage.kind == kind).map(|c| c.count).sum::<u32>();
    assert_eq!(count(StageKind::Open), 50);
    assert_eq!(count(StageKind::Won) + count(StageKind::Lost), 200);
    assert!((70..=110).contains(&count(StageKind::Won)), "about 45 % won: {}", count(StageKind::Won));
    let mut open_cards = Vec::new();
    for c in &board.columns {
        assert!(c.count > 0, "{} is empty", c.stage.name);
        assert_eq!(c.cards.len() as u32, c.count);
        assert_eq!(c.totals.iter().map(|t| t.total_minor).sum::<i64>(), c.cards.iter().map(|d| d.value_minor).sum::<i64>());
        assert!(c.cards.iter().all(|d| d.status == c.stage.kind && d.stage_id == c.stage.id));
        assert!(c.cards.windows(2).all(|w| w[0].rank < w[1].rank), "ranks increase down {}", c.stage.name);
        // The header's attention count (SQL) agrees with the cards' own flags.
        assert_eq!(c.attention_count as usize, c.cards.iter().filter(|d| d.attention.any()).count(), "{}", c.stage.name);
        if c.stage.kind == StageKind::Open {
            open_cards.extend(c.cards.iter());
        }
    }
    let nothing_planned = open_cards.iter().filter(|d| d.attention.no_next_activity).count();
    assert!((10..=35).contains(&nothing_planned), "about 40 % have nothing planned: {nothing_planned} of 50");
    assert!(board.columns.iter().flat_map(|c| c.totals.iter()).any(|t| t.currency == "EUR"));

    // Stored rows agree with each other.
    let zero = [
        ("status differs from the stage's kind", "SELECT count(*) FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id WHERE d.status <> s.kind"),
        ("closed_at set iff closed", "SELECT count(*) FROM deals WHERE (closed_at IS NULL) <> (status = 'open')"),
        ("lost reason iff lost", "SELECT count(*) FROM deals WHERE (lost_reason_id IS NOT NULL) <> (status = 'lost')"),
        ("no main contact", "SELECT count(*) FROM deals d WHERE NOT EXISTS (SELECT 1 FROM deal_contacts c WHERE c.deal_id = d.id AND c.position = 0)"),
        ("2–5 history rows", "SELECT count(*) FROM deals d WHERE (SELECT count(*) FROM deal_stage_changes h WHERE h.deal_id = d.id) NOT BETWEEN 2 AND 5"),
        ("history ends where the deal is", "SELECT count(*) FROM deals d WHERE (SELECT to_stage_id || changed_at FROM deal_stage_changes h WHERE h.deal_id = d.id ORDER BY changed_at DESC LIMIT 1) <> d.stage_id || d.stage_entered_at"),
        ("history starts at creation", "SELECT count(*) FROM deal_stage_changes h JOIN deals d ON d.id = h.deal_id WHERE h.from_stage_id IS NULL AND h.changed_at <> d.created_at"),
        ("one creation row", "SELECT count(*) FROM deals d WHERE (SELECT count(*) FROM deal_stage_changes h WHERE h.deal_id = d.id AND h.from_stage_id IS NULL) <> 1"),
        ("each move starts where the last ended", "SELECT count(*) FROM deal_stage_changes h WHERE h.from_stage_id IS NOT NULL AND h.from_stage_id IS NOT (SELECT p.to_stage_id FROM deal_stage_changes p WHERE p.deal_id = h.deal_id AND p.changed_at < h.changed_at ORDER BY p.changed_at DESC LIMIT 1)"),
        ("to_status is the stage's kind", "SELECT count(*) FROM deal_stage_changes h JOIN pipeline_stages s ON s.id = h.to_stage_id WHERE h.to_status <> s.kind OR h.to_stage_name <> s.name"),
        ("ranks unique per column", "SELECT count(*) FROM (SELECT stage_id, rank FROM deals GROUP BY stage_id, rank HAVING count(*) > 1)"),
        ("version 1", "SELECT count(*) FROM deals WHERE version <> 1"),
        ("tasks only on open deals", "SELECT count(*) FROM activities a JOIN deals d ON d.id = a.deal_id WHERE d.status <> 'open' OR a.kind <> 'task'"),
    ];
    for (what, sql) in zero {
        assert_eq!(scalar(&db, sql).await, 0, "{what}");
    }
    let tasks = scalar(&db, "SELECT count(DISTINCT deal_id) FROM activities WHERE deal_id IS NOT NULL").await;
    assert!((20..=40).contains(&tasks), "about 60 % of open deals have a task: {tasks}");
    let eur = scalar(&db, "SELECT count(*) FROM deals WHERE currency = 'EUR'").await;
    assert!(eur > 150, "mostly EUR: {eur}");
    let history = scalar(&db, "SELECT count(*) FROM deal_stage_changes").await;
    assert!((2 * 250..=5 * 250).contains(&history), "{history} history rows");
}
