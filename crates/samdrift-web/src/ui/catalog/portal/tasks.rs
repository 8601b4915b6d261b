//! `/agent/tasks`: the staff's open fulfilment tasks, their groups' or all.

use super::*;

pub struct OpenTask {
    pub ticket_id: uuid::Uuid,
    pub number: String,
    pub ticket_title: String,
    pub title: String,
    pub group: String,
    pub stage: i64,
}

#[derive(Template)]
#[template(path = "catalog_tasks.html")]
struct TasksPage {
    frame: Frame,
    t: Tr,
    all: bool,
    rows: Vec<OpenTask>,
}

#[derive(Deserialize, Default)]
pub struct TasksQuery {
    all: Option<String>,
}

pub(super) async fn tasks(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<TasksQuery>,
) -> Response {
    if !user.scope.may_work_tickets() {
        return error_page(
            &user,
            StatusCode::FORBIDDEN,
            user.tr.t("catalog.tasks.staff_only").into(),
        );
    }
    let all = q.all.as_deref().is_some_and(|a| a == "1" || a == "true");
    let rows = match state.app.open_tasks(&user.scope, !all).await {
        Ok(rows) => rows,
        Err(e) => return failed(&user, &e),
    };
    let groups = match state.app.groups(&user.scope).await {
        Ok(groups) => groups,
        Err(e) => return failed(&user, &e),
    };
    let rows = rows
        .into_iter()
        .map(|r| OpenTask {
            group: groups
                .iter()
                .find(|g| g.id == r.group_id)
                .map(|g| g.name.clone())
                .unwrap_or_default(),
            ticket_id: r.ticket_id,
            number: r.number,
            ticket_title: r.ticket_title,
            title: r.title,
            stage: r.stage,
        })
        .collect();
    page(
        StatusCode::OK,
        &TasksPage {
            frame: Frame::of(&user, "/agent/tasks"),
            t: user.tr,
            all,
            rows,
        },
    )
}
