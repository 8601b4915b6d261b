//! `/portal/catalog`: what the user's member offers, with the cost and who
//! must approve; with several members, `?member=CODE` chooses.

use super::*;

#[derive(Template)]
#[template(path = "catalog_items.html")]
struct CatalogPage {
    frame: Frame,
    t: Tr,
    members: Vec<(String, String)>,
    member: String,
    items: Vec<ItemCard>,
}

pub(super) async fn catalog(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<MemberQuery>,
) -> Response {
    let members = match my_members(&state, &user).await {
        Ok(members) => members,
        Err(e) => return failed(&user, &e),
    };
    let Some(member) = chosen_member(&members, q.member.as_deref()) else {
        return not_member(&user);
    };
    let items = match state.app.requestable_items(&user.scope, &member).await {
        Ok(items) => items,
        Err(e) => return failed(&user, &e),
    };
    let t = user.tr;
    let several = members.len() > 1;
    let items = items
        .iter()
        .map(|i| ItemCard::of(&t, i, &member, several))
        .collect();
    page(
        StatusCode::OK,
        &CatalogPage {
            frame: Frame::of(&user, "/portal/catalog"),
            t,
            members,
            member,
            items,
        },
    )
}
