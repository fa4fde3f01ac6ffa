//! Orders and subscriptions; a contact's or company's purchases; the purchase rules.

use crate::AppState;
use hearth_core::orders::{self, Order, OrderInput, OrderPage, OrderQuery, PurchaseRules, PurchaseSummary};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn orders_list(state: State<'_, AppState>, query: OrderQuery) -> Result<OrderPage, CoreError> {
    orders::list(&state.db()?, &query).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_get(state: State<'_, AppState>, id: String) -> Result<Order, CoreError> {
    orders::get(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_create(state: State<'_, AppState>, input: OrderInput) -> Result<Order, CoreError> {
    let o = orders::create(&state.db()?, &input).await?;
    state.poke_scheduler();
    Ok(o)
}

#[tauri::command]
#[specta::specta]
pub async fn order_refund(state: State<'_, AppState>, id: String, amount_minor: i64, reason: Option<String>) -> Result<Order, CoreError> {
    orders::refund(&state.db()?, &id, amount_minor, reason).await
}

#[tauri::command]
#[specta::specta]
pub async fn order_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    orders::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn subscription_cancel(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    orders::cancel_subscription(&state.db()?, &id, None).await
}

/// Purchase history of a contact, or of a company when `company` is true.
#[tauri::command]
#[specta::specta]
pub async fn purchases_of(state: State<'_, AppState>, id: String, company: bool) -> Result<PurchaseSummary, CoreError> {
    orders::purchases(&state.db()?, &id, company).await
}

#[tauri::command]
#[specta::specta]
pub async fn purchase_rules_get(state: State<'_, AppState>) -> Result<PurchaseRules, CoreError> {
    orders::purchase_rules(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn purchase_rules_set(state: State<'_, AppState>, rules: PurchaseRules) -> Result<PurchaseRules, CoreError> {
    orders::set_purchase_rules(&state.db()?, &rules).await
}
