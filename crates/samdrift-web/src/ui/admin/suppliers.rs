//! Suppliers (leverantörer) tickets are forwarded to: the list with their
//! contact details, and a form for a new supplier.

use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, page};
use super::problems::refused;
use super::{Access, Problems, Saved, Section, denied, denied_form, frame, sections};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::queries::records::SupplierRecord;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SupplierForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
}

#[derive(Template)]
#[template(path = "admin_suppliers.html")]
struct SuppliersPage {
    frame: Frame,
    t: Tr,
    sections: Vec<Section>,
    errors: Problems,
    saved: bool,
    suppliers: Vec<SupplierRecord>,
    form: SupplierForm,
}

async fn render(
    state: &AppState,
    user: &UiUser,
    form: SupplierForm,
    errors: Problems,
    saved: bool,
) -> Response {
    let suppliers = match state.app.suppliers(&user.scope).await {
        Ok(list) => list,
        Err(e) => {
            return crate::ui::failure(user, e);
        }
    };
    page(
        errors.status(),
        &SuppliersPage {
            frame: frame(user, "/admin/suppliers"),
            t: user.tr,
            sections: sections(user, "/admin/suppliers"),
            errors,
            saved,
            suppliers,
            form,
        },
    )
}

/// GET /admin/suppliers
pub async fn list(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    if let Some(refusal) = denied(&user, Access::Registrar) {
        return refusal;
    }
    render(
        &state,
        &user,
        SupplierForm::default(),
        Problems::default(),
        q.shown(),
    )
    .await
}

/// POST /admin/suppliers
pub async fn create(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<SupplierForm>,
) -> Response {
    if let Some(refusal) = denied_form(&user, Access::Registrar, &form.csrf) {
        return refusal;
    }
    let created = state
        .app
        .create_supplier(
            &user.scope,
            &form.name,
            &form.email,
            &form.phone,
            &form.contact_name,
        )
        .await;
    match created {
        Ok(_) => Redirect::to("/admin/suppliers?saved=1").into_response(),
        Err(e) => {
            let fields = [
                ("name", "name"),
                ("contact_name", "contact_name"),
                ("email", "email"),
                ("phone", "phone"),
            ];
            match refused(&user, e, &fields, "name") {
                Ok(errors) => render(&state, &user, form, errors, false).await,
                Err(page) => *page,
            }
        }
    }
}
