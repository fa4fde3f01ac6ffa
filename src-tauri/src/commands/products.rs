//! The catalogue: products and plans, their upgrade paths and add-ons.

use crate::AppState;
use hearth_core::products::{self, Product, ProductInput};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn products_list(state: State<'_, AppState>) -> Result<Vec<Product>, CoreError> {
    products::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn product_create(state: State<'_, AppState>, input: ProductInput) -> Result<Product, CoreError> {
    products::create(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn product_update(state: State<'_, AppState>, id: String, input: ProductInput) -> Result<Product, CoreError> {
    products::update(&state.db()?, &id, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn product_set_archived(state: State<'_, AppState>, id: String, archived: bool) -> Result<Product, CoreError> {
    products::set_archived(&state.db()?, &id, archived).await
}
