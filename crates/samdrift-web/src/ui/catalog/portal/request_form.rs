//! `/portal/catalog/{code}`: the item's request form, built from its
//! fields, with each refused answer named and what was typed kept.

use super::*;

/// One field of the request form, with what was typed and its error.
pub struct FieldView {
    pub key: String,
    pub label: String,
    /// text, textarea, select, checkbox, date
    pub kind: &'static str,
    pub required: bool,
    pub help: String,
    pub options: Vec<String>,
    pub value: String,
    pub error: Option<String>,
    /// Ids of the help text and the error, for aria-describedby.
    pub described_by: String,
}

/// A line of the error summary: the field's id (when it is on the form),
/// its label and the message.
pub struct SummaryLine {
    pub anchor: Option<String>,
    pub label: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "catalog_form.html")]
struct FormPage {
    frame: Frame,
    t: Tr,
    item: ItemCard,
    member: String,
    action: String,
    fields: Vec<FieldView>,
    summary: Vec<SummaryLine>,
}

fn kind_name(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "text",
        FieldKind::Textarea => "textarea",
        FieldKind::Select => "select",
        FieldKind::Checkbox => "checkbox",
        FieldKind::Date => "date",
    }
}

/// The message for a refused answer, in the user's language; the form's
/// rules are the domain's (`ItemSpec::check_answers`).
fn answer_error(t: &Tr, kind: FieldKind, value: &str) -> String {
    let value = value.trim();
    let key = if value.is_empty() {
        "catalog.form.error_required"
    } else if value.chars().count() > 4000 {
        "catalog.form.error_long"
    } else {
        match kind {
            FieldKind::Select => "error.choice",
            FieldKind::Checkbox => "catalog.form.error_tick",
            FieldKind::Date => "catalog.form.error_date",
            FieldKind::Text | FieldKind::Textarea => "catalog.form.error_required",
        }
    };
    t.t(key).to_owned()
}

pub(super) fn render_form(
    user: &UiUser,
    item: &CatalogItem,
    member: &str,
    several: bool,
    values: &BTreeMap<String, String>,
    errors: &[(String, String)],
) -> Response {
    let t = user.tr;
    let mut summary = Vec::new();
    let fields: Vec<FieldView> = item
        .spec
        .fields
        .iter()
        .map(|f| {
            let value = values.get(&f.key).cloned().unwrap_or_default();
            let error = errors
                .iter()
                .find(|(field, _)| field.strip_prefix("answers.") == Some(f.key.as_str()))
                .map(|_| answer_error(&t, f.kind, &value));
            if let Some(message) = &error {
                summary.push(SummaryLine {
                    anchor: Some(format!("a-{}", f.key)),
                    label: f.label.clone(),
                    message: message.clone(),
                });
            }
            let mut described = Vec::new();
            if !f.help.trim().is_empty() {
                described.push(format!("h-a-{}", f.key));
            }
            if error.is_some() {
                described.push(format!("e-a-{}", f.key));
            }
            FieldView {
                key: f.key.clone(),
                label: f.label.clone(),
                kind: kind_name(f.kind),
                required: f.required,
                help: f.help.clone(),
                options: f.options.clone(),
                value,
                error,
                described_by: described.join(" "),
            }
        })
        .collect();
    // Errors not about an answer (the member, the item) head the summary.
    for (field, message) in errors.iter().rev() {
        if field.starts_with("answers.") {
            continue;
        }
        let line = if field == "member" {
            SummaryLine {
                anchor: None,
                label: t.t("catalog.items.member").to_owned(),
                message: t.t("error.member").to_owned(),
            }
        } else {
            SummaryLine {
                anchor: None,
                label: item.record.name.clone(),
                message: message.clone(),
            }
        };
        summary.insert(0, line);
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let card = ItemCard::of(&t, item, member, several);
    page(
        status,
        &FormPage {
            frame: Frame::of(user, "/portal/catalog"),
            t,
            action: card.href.clone(),
            item: card,
            member: member.to_owned(),
            fields,
            summary,
        },
    )
}

/// The item the user's member offers under `code`, with the member and
/// whether the user has several members.
pub(super) async fn find_item(
    state: &AppState,
    user: &UiUser,
    code: &str,
    asked: Option<&str>,
) -> Result<(CatalogItem, String, bool), Response> {
    let members = match my_members(state, user).await {
        Ok(members) => members,
        Err(e) => return Err(failed(user, &e)),
    };
    let Some(member) = chosen_member(&members, asked) else {
        return Err(not_member(user));
    };
    let items = state
        .app
        .requestable_items(&user.scope, &member)
        .await
        .map_err(|e| failed(user, &e))?;
    match items.into_iter().find(|i| i.record.code == code) {
        Some(item) => Ok((item, member, members.len() > 1)),
        None => Err(error_page(
            user,
            StatusCode::NOT_FOUND,
            user.tr.t("catalog.form.not_offered").into(),
        )),
    }
}

pub(super) async fn request_form(
    State(state): State<AppState>,
    user: UiUser,
    Path(code): Path<String>,
    Query(q): Query<MemberQuery>,
) -> Response {
    match find_item(&state, &user, &code, q.member.as_deref()).await {
        Ok((item, member, several)) => {
            render_form(&user, &item, &member, several, &BTreeMap::new(), &[])
        }
        Err(response) => response,
    }
}
