//! The signed-in user's own account ("Mitt konto"): API tokens ("Mina
//! nycklar": list, create with a name and an optional expiry, revoke; a
//! new token's secret is shown once) and changing one's own password
//! (the current one, then the new one twice). Every form carries the
//! session's CSRF token; a refused form comes back with each problem next
//! to its field, and passwords are never sent back.

use super::admin::Problems;
use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, error_page, failure, page};
use crate::auth::{SESSION_COOKIE, cookie};
use crate::extract::Id;
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::credentials::NewToken;
use serde::Deserialize;

/// One token as its owner sees it (never its secret).
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created: String,
    pub last_used: String,
    pub expires: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    expires_in_days: String,
}

#[derive(Deserialize)]
pub struct Saved {
    #[serde(default)]
    saved: Option<String>,
}

#[derive(Template)]
#[template(path = "account_tokens.html")]
struct TokensPage {
    frame: Frame,
    t: Tr,
    errors: Problems,
    saved: bool,
    tokens: Vec<TokenRow>,
    form: TokenForm,
    /// The secret of the token just created, shown this once.
    new_secret: Option<String>,
}

fn refuse_csrf(user: &UiUser) -> Response {
    error_page(user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into())
}

async fn tokens_page(
    state: &AppState,
    user: &UiUser,
    form: TokenForm,
    errors: Problems,
    saved: bool,
    new_secret: Option<String>,
) -> Response {
    let t = user.tr;
    let tokens = match state.app.tokens(&user.scope, false).await {
        Ok(tokens) => tokens,
        Err(e) => return failure(user, e),
    };
    let never = t.t("account.never");
    let rows = tokens
        .into_iter()
        .map(|x| TokenRow {
            id: x.id.to_string(),
            name: x.name,
            created: t.time(x.created_at),
            last_used: x.last_used_at.map_or_else(|| never.into(), |m| t.time(m)),
            expires: x.expires_at.map_or_else(|| never.into(), |m| t.time(m)),
        })
        .collect();
    let status = if new_secret.is_some() {
        StatusCode::CREATED
    } else {
        errors.status()
    };
    let p = TokensPage {
        frame: Frame::of(user, "/account/tokens"),
        t,
        errors,
        saved,
        tokens: rows,
        form,
        new_secret,
    };
    page(status, &p)
}

/// GET /account/tokens
pub async fn tokens(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<Saved>,
) -> Response {
    let saved = q.saved.is_some();
    tokens_page(
        &state,
        &user,
        TokenForm::default(),
        Problems::default(),
        saved,
        None,
    )
    .await
}

/// POST /account/tokens: creates a token and shows its secret once.
pub async fn create_token(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<TokenForm>,
) -> Response {
    if !user.csrf_ok(&form.csrf) {
        return refuse_csrf(&user);
    }
    let t = user.tr;
    let mut errors = Problems::default();
    let days = form.expires_in_days.trim();
    let expires_in_days = match days.parse::<i64>() {
        _ if days.is_empty() => None,
        Ok(d) => Some(d),
        Err(_) => {
            errors.push_labelled(
                "expires_in_days",
                t.t("account.tokens.expires_label").into(),
                t.t("account.tokens.days_number").into(),
            );
            None
        }
    };
    if !errors.is_empty() {
        return tokens_page(&state, &user, form, errors, false, None).await;
    }
    let new = NewToken {
        name: form.name.clone(),
        expires_in_days,
    };
    match state.app.create_own_token(&user.scope, new).await {
        Ok(issued) => {
            let fresh = TokenForm::default();
            tokens_page(&state, &user, fresh, errors, false, Some(issued.token)).await
        }
        Err(AppError::Invalid(fields)) => {
            for f in fields {
                let label = match f.field.as_str() {
                    "name" => t.t("account.tokens.name_label"),
                    _ => t.t("account.tokens.expires_label"),
                };
                let message = crate::messages::render(&t, &f.message);
                errors.push_labelled(&f.field, label.into(), message);
            }
            tokens_page(&state, &user, form, errors, false, None).await
        }
        Err(e) => failure(&user, e),
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// POST /account/tokens/{id}/revoke
pub async fn revoke_token(
    State(state): State<AppState>,
    user: UiUser,
    Id(id): Id,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if !user.csrf_ok(&form.csrf) {
        return refuse_csrf(&user);
    }
    match state.app.revoke_token(&user.scope, id).await {
        Ok(()) => Redirect::to("/account/tokens?saved=1").into_response(),
        Err(e) => failure(&user, e),
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_again: String,
}

#[derive(Template)]
#[template(path = "account_password.html")]
struct PasswordPage {
    frame: Frame,
    t: Tr,
    errors: Problems,
    saved: bool,
}

fn password_page(user: &UiUser, errors: Problems, saved: bool) -> Response {
    let p = PasswordPage {
        frame: Frame::of(user, "/account/password"),
        t: user.tr,
        errors,
        saved,
    };
    page(p.errors.status(), &p)
}

/// GET /account/password
pub async fn password(user: UiUser, Query(q): Query<Saved>) -> Response {
    password_page(&user, Problems::default(), q.saved.is_some())
}

/// POST /account/password: changes the user's own password; every other
/// session of the account ends, this one stays.
pub async fn change_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: UiUser,
    Form(form): Form<PasswordForm>,
) -> Response {
    if !user.csrf_ok(&form.csrf) {
        return refuse_csrf(&user);
    }
    let t = user.tr;
    let label = |field: &str| t.t(&format!("account.password.{field}")).to_owned();
    let mut errors = Problems::default();
    if form.new_password != form.new_password_again {
        let message = t.t("account.password.mismatch").into();
        errors.push_labelled("new_password_again", label("new_password_again"), message);
        return password_page(&user, errors, false);
    }
    let session = cookie(&headers, SESSION_COOKIE);
    let changed = state
        .app
        .change_own_password(
            &user.scope,
            session.as_deref(),
            &form.current_password,
            &form.new_password,
        )
        .await;
    match changed {
        Ok(()) => Redirect::to("/account/password?saved=1").into_response(),
        Err(AppError::Invalid(fields)) => {
            for f in fields {
                let field = match f.field.as_str() {
                    "current_password" => "current_password",
                    _ => "new_password",
                };
                let message = crate::messages::render(&t, &f.message);
                errors.push_labelled(field, label(field), message);
            }
            password_page(&user, errors, false)
        }
        Err(e) => failure(&user, e),
    }
}
