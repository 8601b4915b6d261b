//! SCIM Groups: the member's directory groups (`displayName`,
//! `externalId`, `members` whose `value` is a user's id). A member must be
//! one of the member's provisioned people; any other id is refused like
//! an unknown one.

use super::patch::{apply_patch, get};
use super::users::check_version;
use super::{
    GROUP_SCHEMA, ListQuery, ScimCaller, ScimError, instant, list_plan, list_response, project,
};
use crate::App;
use crate::ids::new_id;
use samdrift_store::scim::{GroupMember, MembersChange, ScimGroupRecord};
use samdrift_store::scim_sql::Resource;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;

/// Most members one request may name.
const MAX_MEMBERS: usize = 10_000;

/// A group with its members.
#[derive(Debug, Clone, PartialEq)]
pub struct ScimGroup {
    pub group: ScimGroupRecord,
    pub members: Vec<GroupMember>,
}

/// What a Group document says, checked.
struct GroupFields {
    display_name: String,
    external_id: Option<String>,
    members: BTreeSet<Uuid>,
}

fn read_group(doc: &Value) -> Result<GroupFields, ScimError> {
    if !doc.is_object() {
        return Err(ScimError::new(
            400,
            Some("invalidSyntax"),
            "a Group is a JSON object",
        ));
    }
    let display_name = match get(doc, "displayName") {
        Some(Value::String(s)) if !s.trim().is_empty() && s.chars().count() <= 400 => {
            s.trim().to_owned()
        }
        _ => {
            return Err(ScimError::invalid_value(
                "displayName is required (1-400 characters)",
            ));
        }
    };
    let external_id = match get(doc, "externalId") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.chars().count() <= 400 => {
            Some(s.clone()).filter(|s| !s.is_empty())
        }
        Some(_) => return Err(ScimError::invalid_value("externalId must be a string")),
    };
    let list = match get(doc, "members") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) if list.len() <= MAX_MEMBERS => list.clone(),
        Some(Value::Array(_)) => return Err(ScimError::new(413, None, "too many members")),
        Some(_) => return Err(ScimError::invalid_value("members must be a list")),
    };
    let mut members = BTreeSet::new();
    for m in &list {
        let id = get(m, "value")
            .and_then(Value::as_str)
            .and_then(|v| Uuid::parse_str(v).ok())
            .ok_or_else(|| ScimError::invalid_value("a member's value is a User's id"))?;
        members.insert(id);
    }
    Ok(GroupFields {
        display_name,
        external_id,
        members,
    })
}

/// A Group document (`base`: the address of `/scim/v2`).
pub fn group_json(g: &ScimGroup, base: &str) -> Value {
    let members: Vec<Value> = g
        .members
        .iter()
        .map(|m| {
            json!({
                "value": m.person_id,
                "$ref": format!("{base}/Users/{}", m.person_id),
                "display": m.display,
                "type": "User",
            })
        })
        .collect();
    let mut doc = json!({
        "schemas": [GROUP_SCHEMA],
        "id": g.group.id,
        "displayName": g.group.display_name,
        "members": members,
        "meta": {
            "resourceType": "Group",
            "created": instant(g.group.created_at),
            "lastModified": instant(g.group.modified_at),
            "location": format!("{base}/Groups/{}", g.group.id),
            "version": format!("W/\"{}\"", g.group.version),
        },
    });
    if let (Some(x), Some(o)) = (&g.group.external_id, doc.as_object_mut()) {
        o.insert("externalId".into(), json!(x));
    }
    doc
}

impl App {
    /// Refuses members that are not the member's provisioned people.
    async fn check_members(
        &self,
        caller: ScimCaller,
        ids: &BTreeSet<Uuid>,
    ) -> Result<(), ScimError> {
        let wanted: Vec<Uuid> = ids.iter().copied().collect();
        let found = self.store.scim_user_ids(caller.member, &wanted).await?;
        if found.len() != wanted.len() {
            return Err(ScimError::invalid_value(
                "a member is not a User of this member",
            ));
        }
        Ok(())
    }

    pub async fn scim_list_groups(
        &self,
        caller: ScimCaller,
        q: &ListQuery,
        base: &str,
    ) -> Result<Value, ScimError> {
        let (filter, page, start) = list_plan(Resource::Group, q)?;
        let (total, groups) = self
            .store
            .scim_groups(caller.member, &filter, &page)
            .await?;
        let ids: Vec<Uuid> = groups.iter().map(|g| g.id).collect();
        let excluded = q
            .excluded_attributes
            .as_deref()
            .unwrap_or("")
            .to_ascii_lowercase();
        let attributes = q.attributes.as_deref().unwrap_or("").to_ascii_lowercase();
        let want_members = !excluded.contains("members")
            && (attributes.is_empty() || attributes.contains("members"));
        let mut members = if want_members {
            self.store.scim_group_members(caller.member, &ids).await?
        } else {
            Vec::new()
        };
        let resources = groups
            .into_iter()
            .map(|group| {
                let mine = members
                    .iter()
                    .filter(|m| m.group_id == group.id)
                    .cloned()
                    .collect();
                members.retain(|m| m.group_id != group.id);
                let g = ScimGroup {
                    group,
                    members: mine,
                };
                project(
                    group_json(&g, base),
                    q.attributes.as_deref(),
                    q.excluded_attributes.as_deref(),
                )
            })
            .collect();
        Ok(list_response(total, start, resources))
    }

    pub async fn scim_get_group(
        &self,
        caller: ScimCaller,
        id: Uuid,
    ) -> Result<ScimGroup, ScimError> {
        let group = self
            .store
            .scim_group(caller.member, id)
            .await?
            .ok_or_else(|| ScimError::not_found("Group"))?;
        let members = self.store.scim_group_members(caller.member, &[id]).await?;
        Ok(ScimGroup { group, members })
    }

    pub async fn scim_create_group(
        &self,
        caller: ScimCaller,
        doc: &Value,
    ) -> Result<ScimGroup, ScimError> {
        let fields = read_group(doc)?;
        self.check_members(caller, &fields.members).await?;
        let at = self.now_micros();
        let group = ScimGroupRecord {
            member_id: caller.member,
            id: new_id(self.clock.as_ref()),
            display_name: fields.display_name,
            external_id: fields.external_id,
            created_at: at,
            modified_at: at,
            version: 1,
        };
        let members: Vec<Uuid> = fields.members.into_iter().collect();
        self.store.insert_scim_group(&group, &members).await?;
        self.scim_get_group(caller, group.id).await
    }

    pub async fn scim_replace_group(
        &self,
        caller: ScimCaller,
        id: Uuid,
        if_match: Option<i64>,
        doc: &Value,
    ) -> Result<ScimGroup, ScimError> {
        let old = self.scim_get_group(caller, id).await?;
        check_version(if_match, old.group.version)?;
        let fields = read_group(doc)?;
        self.scim_write_group(caller, old, fields).await
    }

    pub async fn scim_patch_group(
        &self,
        caller: ScimCaller,
        id: Uuid,
        if_match: Option<i64>,
        patch: &Value,
    ) -> Result<ScimGroup, ScimError> {
        let old = self.scim_get_group(caller, id).await?;
        check_version(if_match, old.group.version)?;
        let mut doc = group_json(&old, "");
        apply_patch(&mut doc, patch, &[])?;
        let fields = read_group(&doc)?;
        self.scim_write_group(caller, old, fields).await
    }

    async fn scim_write_group(
        &self,
        caller: ScimCaller,
        old: ScimGroup,
        fields: GroupFields,
    ) -> Result<ScimGroup, ScimError> {
        let before: BTreeSet<Uuid> = old.members.iter().map(|m| m.person_id).collect();
        let added: BTreeSet<Uuid> = fields.members.difference(&before).copied().collect();
        self.check_members(caller, &added).await?;
        let change = MembersChange {
            add: added.into_iter().collect(),
            remove: before.difference(&fields.members).copied().collect(),
            ..MembersChange::default()
        };
        let group = ScimGroupRecord {
            display_name: fields.display_name,
            external_id: fields.external_id,
            modified_at: self.now_micros(),
            ..old.group.clone()
        };
        self.store
            .update_scim_group(&group, old.group.version, &change)
            .await?;
        self.scim_get_group(caller, group.id).await
    }

    pub async fn scim_delete_group(
        &self,
        caller: ScimCaller,
        id: Uuid,
        if_match: Option<i64>,
    ) -> Result<(), ScimError> {
        if self
            .store
            .delete_scim_group(caller.member, id, if_match)
            .await?
        {
            Ok(())
        } else {
            Err(ScimError::not_found("Group"))
        }
    }
}
