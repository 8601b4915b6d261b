//! A request form posted: the answers go to the use case, and a refused
//! form comes back with its fields named.

use super::*;

/// The request form as posted: `csrf`, `member`, and `answers.<key>`.
fn read_request_form(pairs: Vec<(String, String)>) -> (String, String, BTreeMap<String, String>) {
    let mut csrf = String::new();
    let mut member = String::new();
    let mut answers = BTreeMap::new();
    for (name, value) in pairs {
        match name.as_str() {
            "csrf" => csrf = value,
            "member" => member = value,
            _ => {
                if let Some(key) = name.strip_prefix("answers.") {
                    answers.insert(key.to_owned(), value);
                }
            }
        }
    }
    (csrf, member, answers)
}

pub(super) async fn submit(
    State(state): State<AppState>,
    user: UiUser,
    Path(code): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (csrf, member, typed) = read_request_form(pairs);
    if !user.csrf_ok(&csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let (item, member, several) = match find_item(&state, &user, &code, Some(&member)).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    // Only the form's own fields go on; a checkbox left unticked is not
    // sent by the browser and means "false".
    let mut answers = BTreeMap::new();
    for f in &item.spec.fields {
        let value = typed.get(&f.key).cloned().unwrap_or_default();
        let value = match f.kind {
            FieldKind::Checkbox => if value.is_empty() { "false" } else { "true" }.to_owned(),
            _ => value,
        };
        answers.insert(f.key.clone(), value);
    }
    let input = RequestInput {
        member: Some(member.clone()),
        item: item.record.code.clone(),
        answers: answers.clone(),
    };
    match state.app.submit_request(&user.scope, input).await {
        Ok(ticket) => Redirect::to(&format!("/tickets/{}?requested=1", ticket.id)).into_response(),
        Err(AppError::Invalid(fields)) => {
            let errors: Vec<(String, String)> = fields
                .into_iter()
                .map(|f| (f.field, crate::messages::render(&user.tr, &f.message)))
                .collect();
            // Keep a checkbox as the user left it.
            let mut values = answers;
            for f in &item.spec.fields {
                if f.kind == FieldKind::Checkbox
                    && values.get(&f.key).map(String::as_str) == Some("false")
                {
                    values.insert(f.key.clone(), String::new());
                }
            }
            render_form(&user, &item, &member, several, &values, &errors)
        }
        Err(AppError::Forbidden(_)) => error_page(
            &user,
            StatusCode::FORBIDDEN,
            user.tr.t("catalog.form.no_person").into(),
        ),
        Err(e) => failed(&user, &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_form_keeps_only_answers() {
        let (csrf, member, answers) = read_request_form(vec![
            ("csrf".into(), "tok".into()),
            ("member".into(), "YST".into()),
            ("answers.software".into(), "GIMP".into()),
            ("other".into(), "x".into()),
        ]);
        assert_eq!((csrf.as_str(), member.as_str()), ("tok", "YST"));
        assert_eq!(answers.len(), 1);
        assert_eq!(answers.get("software").map(String::as_str), Some("GIMP"));
    }
}
