//! SCIM Users: the member's provisioned people. `id` is the person's id,
//! `userName` their e-mail (lower case, unique in the member), `active`
//! that they have not left. A new user gets an account like a joiner's
//! (no password, an end user's role in the member); one made inactive or
//! deleted leaves like a leaver (the register's leaver path: roles in the
//! member go, an account left with none is disabled, its sessions end).
//! Each change writes a history row with the reason `scim`.

use super::patch::{apply_patch, get};
use super::{
    ENTERPRISE_SCHEMA, ListQuery, ScimCaller, ScimError, USER_SCHEMA, instant, list_plan,
    list_response, project,
};
use crate::App;
use crate::identity::apply::NO_PASSWORD;
use crate::ids::new_id;
use samdrift_domain::identity::comparison::FieldChange;
use samdrift_store::accounts::AccountRecord;
use samdrift_store::identity::HistoryRecord;
use samdrift_store::scim::{ScimUserChange, ScimUserInsert, ScimUserRecord, Transition};
use samdrift_store::scim_sql::Resource;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// The role a provisioned person gets in their member.
const ROLE: &str = "end_user";
/// Longest text kept in any attribute.
const MAX_TEXT: usize = 400;

/// What a User document says, checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct UserFields {
    user_name: String,
    external_id: Option<String>,
    formatted: Option<String>,
    given: Option<String>,
    family: Option<String>,
    display_name: Option<String>,
    emails: Vec<Value>,
    work_email: Option<String>,
    title: Option<String>,
    active: bool,
    employee_number: Option<String>,
    department: Option<String>,
}

/// A string attribute (none when absent, null or empty).
fn text(object: &Value, name: &str) -> Result<Option<String>, ScimError> {
    match get(object, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) if s.chars().count() > MAX_TEXT => Err(ScimError::invalid_value(
            format!("{name} is longer than {MAX_TEXT} characters"),
        )),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
        Some(_) => Err(ScimError::invalid_value(format!("{name} must be a string"))),
    }
}

/// A boolean attribute; the strings `"true"` and `"false"` (any case) are
/// read as booleans, as some providers send them.
pub(crate) fn boolean(value: Option<&Value>, name: &str) -> Result<Option<bool>, ScimError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(_) => Err(ScimError::invalid_value(format!(
            "{name} must be a boolean"
        ))),
    }
}

/// Most e-mail addresses kept for a user.
const MAX_EMAILS: usize = 20;

/// One address of `emails`, with only the sub-attributes kept.
fn email_entry(e: &Value) -> Result<Value, ScimError> {
    if !e.is_object() {
        return Err(ScimError::invalid_value("an e-mail must be an object"));
    }
    let value =
        text(e, "value")?.ok_or_else(|| ScimError::invalid_value("an e-mail needs a value"))?;
    let mut entry = Map::new();
    entry.insert("value".into(), json!(value));
    for key in ["type", "display"] {
        if let Some(v) = text(e, key)? {
            entry.insert(key.into(), json!(v));
        }
    }
    if let Some(p) = boolean(get(e, "primary"), "primary")? {
        entry.insert("primary".into(), json!(p));
    }
    Ok(Value::Object(entry))
}

/// The addresses of `emails` as kept, and the work address among them
/// (the primary one, else the work one, else the first) in lower case.
fn emails(doc: &Value) -> Result<(Vec<Value>, Option<String>), ScimError> {
    let list = match get(doc, "emails") {
        None | Some(Value::Null) => return Ok((Vec::new(), None)),
        Some(Value::Array(list)) if list.len() <= MAX_EMAILS => list,
        Some(Value::Array(_)) => {
            return Err(ScimError::invalid_value(format!(
                "at most {MAX_EMAILS} e-mails"
            )));
        }
        Some(_) => return Err(ScimError::invalid_value("emails must be a list")),
    };
    let kept = list
        .iter()
        .map(email_entry)
        .collect::<Result<Vec<_>, _>>()?;
    let primary = kept.iter().find(|e| e["primary"] == json!(true));
    let work = kept.iter().find(|e| {
        e["type"]
            .as_str()
            .is_some_and(|t| t.eq_ignore_ascii_case("work"))
    });
    let chosen = primary
        .or(work)
        .or(kept.first())
        .and_then(|e| e["value"].as_str())
        .map(str::to_lowercase);
    Ok((kept, chosen))
}

impl UserFields {
    /// Reads a whole User document (POST and PUT, and PATCH's result).
    pub(crate) fn read(doc: &Value) -> Result<UserFields, ScimError> {
        if !doc.is_object() {
            return Err(ScimError::new(
                400,
                Some("invalidSyntax"),
                "a User is a JSON object",
            ));
        }
        let user_name = text(doc, "userName")?
            .ok_or_else(|| ScimError::invalid_value("userName is required"))?
            .to_lowercase();
        let name = match get(doc, "name") {
            None | Some(Value::Null) => Value::Null,
            Some(n @ Value::Object(_)) => n.clone(),
            Some(_) => return Err(ScimError::invalid_value("name must be an object")),
        };
        let enterprise = match get(doc, ENTERPRISE_SCHEMA) {
            None | Some(Value::Null) => Value::Null,
            Some(e @ Value::Object(_)) => e.clone(),
            Some(_) => {
                return Err(ScimError::invalid_value(
                    "the enterprise extension must be an object",
                ));
            }
        };
        let active = boolean(get(doc, "active"), "active")?.unwrap_or(true);
        let (emails, work_email) = emails(doc)?;
        Ok(UserFields {
            external_id: text(doc, "externalId")?,
            formatted: text(&name, "formatted")?,
            given: text(&name, "givenName")?,
            family: text(&name, "familyName")?,
            display_name: text(doc, "displayName")?,
            emails,
            work_email,
            title: text(doc, "title")?,
            active,
            employee_number: text(&enterprise, "employeeNumber")?,
            department: text(&enterprise, "department")?,
            user_name,
        })
    }

    /// The register's name: the formatted name, else given and family
    /// name, else the display name, else the userName.
    fn person_name(&self) -> String {
        let parts: Vec<&str> = [self.given.as_deref(), self.family.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        self.formatted
            .clone()
            .or_else(|| (!parts.is_empty()).then(|| parts.join(" ")))
            .or_else(|| self.display_name.clone())
            .unwrap_or_else(|| self.user_name.clone())
    }

    /// The record these fields make of `base` (which keeps its ids and
    /// times).
    fn record(&self, base: ScimUserRecord, at: i64) -> ScimUserRecord {
        ScimUserRecord {
            name: self.person_name(),
            email: self.user_name.clone(),
            source_key: self.external_id.clone(),
            title: self.title.clone(),
            source_administration: self.department.clone(),
            scim_given_name: self.given.clone(),
            scim_family_name: self.family.clone(),
            scim_display_name: self.display_name.clone(),
            scim_formatted_name: self.formatted.clone(),
            scim_emails: (!self.emails.is_empty())
                .then(|| serde_json::to_string(&self.emails).unwrap_or_default()),
            scim_email: self.work_email.clone(),
            scim_employee_number: self.employee_number.clone(),
            scim_modified_at: Some(at),
            ended_at: match (self.active, base.ended_at) {
                (true, _) => None,
                (false, Some(ended)) => Some(ended),
                (false, None) => Some(at),
            },
            ..base
        }
    }
}

/// A User document of a record (`base`: the address of `/scim/v2`).
pub fn user_json(u: &ScimUserRecord, base: &str) -> Value {
    let mut doc = Map::new();
    let mut schemas = vec![json!(USER_SCHEMA)];
    doc.insert("id".into(), json!(u.id));
    if let Some(x) = &u.source_key {
        doc.insert("externalId".into(), json!(x));
    }
    doc.insert("userName".into(), json!(u.email));
    let mut name = Map::new();
    let parts = [
        ("formatted", &u.scim_formatted_name),
        ("givenName", &u.scim_given_name),
        ("familyName", &u.scim_family_name),
    ];
    for (key, value) in parts {
        if let Some(v) = value {
            name.insert(key.into(), json!(v));
        }
    }
    if !name.is_empty() {
        doc.insert("name".into(), Value::Object(name));
    }
    if let Some(d) = &u.scim_display_name {
        doc.insert("displayName".into(), json!(d));
    }
    let emails: Option<Value> = u
        .scim_emails
        .as_deref()
        .and_then(|e| serde_json::from_str(e).ok());
    if let Some(e) = emails {
        doc.insert("emails".into(), e);
    }
    doc.insert("active".into(), json!(u.ended_at.is_none()));
    if let Some(t) = &u.title {
        doc.insert("title".into(), json!(t));
    }
    let mut enterprise = Map::new();
    if let Some(n) = &u.scim_employee_number {
        enterprise.insert("employeeNumber".into(), json!(n));
    }
    if let Some(d) = &u.source_administration {
        enterprise.insert("department".into(), json!(d));
    }
    if !enterprise.is_empty() {
        schemas.push(json!(ENTERPRISE_SCHEMA));
        doc.insert(ENTERPRISE_SCHEMA.into(), Value::Object(enterprise));
    }
    doc.insert("schemas".into(), Value::Array(schemas));
    let created = u.scim_created_at.unwrap_or(0);
    doc.insert(
        "meta".into(),
        json!({
            "resourceType": "User",
            "created": instant(created),
            "lastModified": instant(u.scim_modified_at.unwrap_or(created)),
            "location": format!("{base}/Users/{}", u.id),
            "version": format!("W/\"{}\"", u.version),
        }),
    );
    Value::Object(doc)
}

/// The fields that differ between two records, for the history.
fn changes(old: &ScimUserRecord, new: &ScimUserRecord) -> Vec<FieldChange> {
    let pairs = [
        ("name", Some(&old.name), Some(&new.name)),
        ("email", Some(&old.email), Some(&new.email)),
        (
            "external_id",
            old.source_key.as_ref(),
            new.source_key.as_ref(),
        ),
        ("title", old.title.as_ref(), new.title.as_ref()),
        (
            "department",
            old.source_administration.as_ref(),
            new.source_administration.as_ref(),
        ),
        (
            "employee_number",
            old.scim_employee_number.as_ref(),
            new.scim_employee_number.as_ref(),
        ),
        (
            "work_email",
            old.scim_email.as_ref(),
            new.scim_email.as_ref(),
        ),
        ("emails", old.scim_emails.as_ref(), new.scim_emails.as_ref()),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, a, b)| FieldChange {
            field: field.to_owned(),
            old: a.cloned(),
            new: b.cloned(),
        })
        .collect()
}

/// A user's version as an `If-Match` names it: mismatching is a 412.
pub(crate) fn check_version(if_match: Option<i64>, version: i64) -> Result<(), ScimError> {
    match if_match {
        Some(v) if v != version => Err(ScimError::precondition()),
        _ => Ok(()),
    }
}

impl App {
    fn scim_history(
        &self,
        member: Uuid,
        person: Uuid,
        at: i64,
        kind: &str,
        changes: &[FieldChange],
    ) -> HistoryRecord {
        HistoryRecord {
            member_id: member,
            id: new_id(self.clock.as_ref()),
            person_id: person,
            at,
            kind: kind.to_owned(),
            delivery_id: None,
            reason: Some("scim".to_owned()),
            changes: serde_json::to_string(changes).unwrap_or_else(|_| "[]".to_owned()),
            by_account: None,
        }
    }

    /// The caller's member's users matching the query.
    pub async fn scim_list_users(
        &self,
        caller: ScimCaller,
        q: &ListQuery,
        base: &str,
    ) -> Result<Value, ScimError> {
        let (filter, page, start) = list_plan(Resource::User, q)?;
        let (total, users) = self.store.scim_users(caller.member, &filter, &page).await?;
        let resources = users
            .iter()
            .map(|u| {
                project(
                    user_json(u, base),
                    q.attributes.as_deref(),
                    q.excluded_attributes.as_deref(),
                )
            })
            .collect();
        Ok(list_response(total, start, resources))
    }

    async fn scim_user_record(
        &self,
        caller: ScimCaller,
        id: Uuid,
    ) -> Result<ScimUserRecord, ScimError> {
        self.store
            .scim_user(caller.member, id)
            .await?
            .ok_or_else(|| ScimError::not_found("User"))
    }

    /// A user (another member's person, or someone not provisioned, is
    /// not found).
    pub async fn scim_get_user(
        &self,
        caller: ScimCaller,
        id: Uuid,
    ) -> Result<ScimUserRecord, ScimError> {
        self.scim_user_record(caller, id).await
    }

    /// Provisions a person: a new one, or one deleted through SCIM
    /// before, who returns. An e-mail another person of the member has is
    /// a 409.
    pub async fn scim_create_user(
        &self,
        caller: ScimCaller,
        doc: &Value,
    ) -> Result<ScimUserRecord, ScimError> {
        let fields = UserFields::read(doc)?;
        let at = self.now_micros();
        if let Some(holder) = self
            .store
            .person_with_email(caller.member, &fields.user_name)
            .await?
        {
            if holder.source.as_deref() != Some("scim") || holder.scim_deleted_at.is_none() {
                return Err(ScimError::new(
                    409,
                    Some("uniqueness"),
                    "userName is already taken in this member",
                ));
            }
            return self
                .scim_revive(caller, holder.id, holder.version, &fields, at)
                .await;
        }
        let id = new_id(self.clock.as_ref());
        let base = ScimUserRecord {
            member_id: caller.member,
            id,
            scim_created_at: Some(at),
            version: 1,
            ..ScimUserRecord::default()
        };
        let user = fields.record(base, at);
        let existing = self.store.account_by_username(&user.email).await?;
        if existing.as_ref().is_some_and(|a| a.staff_role.is_some()) {
            // A service desk account is never the member's to provision.
            return Err(ScimError::new(
                409,
                Some("uniqueness"),
                "userName is already taken",
            ));
        }
        let existing_account = existing.map(|a| a.id);
        let account = existing_account.is_none().then(|| AccountRecord {
            id: new_id(self.clock.as_ref()),
            username: user.email.clone(),
            password_hash: NO_PASSWORD.to_owned(),
            person_member_id: Some(caller.member),
            person_id: Some(id),
            staff_role: None,
            language: "sv".to_owned(),
            disabled: !fields.active,
            created_at: at,
            version: 1,
            email: None,
        });
        let history = self.scim_history(caller.member, id, at, "joined", &[]);
        self.store
            .insert_scim_user(&ScimUserInsert {
                user: user.clone(),
                account,
                existing_account,
                role: ROLE.to_owned(),
                history,
            })
            .await?;
        self.accounts_changed();
        Ok(user)
    }

    /// A person deleted through SCIM and created again: the same person
    /// returns (their row keeps its id and history).
    async fn scim_revive(
        &self,
        caller: ScimCaller,
        id: Uuid,
        version: i64,
        fields: &UserFields,
        at: i64,
    ) -> Result<ScimUserRecord, ScimError> {
        let base = ScimUserRecord {
            member_id: caller.member,
            id,
            scim_created_at: Some(at),
            ended_at: Some(at),
            version,
            ..ScimUserRecord::default()
        };
        let user = fields.record(base, at);
        let transition = if fields.active {
            Transition::Return
        } else {
            Transition::None
        };
        let history = self.scim_history(caller.member, id, at, "returned", &[]);
        self.store
            .update_scim_user(&ScimUserChange {
                user,
                expected_version: version,
                transition,
                role: ROLE.to_owned(),
                deleted: false,
                history,
            })
            .await?;
        self.accounts_changed();
        self.scim_user_record(caller, id).await
    }

    /// Replaces a user with a whole document (PUT).
    pub async fn scim_replace_user(
        &self,
        caller: ScimCaller,
        id: Uuid,
        if_match: Option<i64>,
        doc: &Value,
    ) -> Result<ScimUserRecord, ScimError> {
        let old = self.scim_user_record(caller, id).await?;
        check_version(if_match, old.version)?;
        let fields = UserFields::read(doc)?;
        self.scim_write_user(caller, old, &fields, false).await
    }

    /// Changes a user by PATCH operations.
    pub async fn scim_patch_user(
        &self,
        caller: ScimCaller,
        id: Uuid,
        if_match: Option<i64>,
        patch: &Value,
    ) -> Result<ScimUserRecord, ScimError> {
        let old = self.scim_user_record(caller, id).await?;
        check_version(if_match, old.version)?;
        let mut doc = user_json(&old, "");
        apply_patch(&mut doc, patch, &[ENTERPRISE_SCHEMA])?;
        let fields = UserFields::read(&doc)?;
        self.scim_write_user(caller, old, &fields, false).await
    }

    /// Deletes a user: they leave, and are no longer a SCIM resource.
    pub async fn scim_delete_user(
        &self,
        caller: ScimCaller,
        id: Uuid,
        if_match: Option<i64>,
    ) -> Result<(), ScimError> {
        let old = self.scim_user_record(caller, id).await?;
        check_version(if_match, old.version)?;
        let mut doc = user_json(&old, "");
        if let Some(o) = doc.as_object_mut() {
            o.insert("active".into(), Value::Bool(false));
        }
        let fields = UserFields::read(&doc)?;
        self.scim_write_user(caller, old, &fields, true).await?;
        Ok(())
    }

    /// Writes a user's new fields at the version read, with what their
    /// leaving or returning means for their accounts.
    async fn scim_write_user(
        &self,
        caller: ScimCaller,
        old: ScimUserRecord,
        fields: &UserFields,
        deleted: bool,
    ) -> Result<ScimUserRecord, ScimError> {
        let at = self.now_micros();
        let new = fields.record(old.clone(), at);
        let (transition, kind) = match (old.ended_at.is_none(), new.ended_at.is_none()) {
            (true, false) => (Transition::End, "left"),
            (false, true) => (Transition::Return, "returned"),
            _ => (Transition::None, "updated"),
        };
        let changed = changes(&old, &new);
        let history = self.scim_history(caller.member, old.id, at, kind, &changed);
        self.store
            .update_scim_user(&ScimUserChange {
                user: ScimUserRecord {
                    scim_created_at: None,
                    ..new.clone()
                },
                expected_version: old.version,
                transition,
                role: ROLE.to_owned(),
                deleted,
                history,
            })
            .await?;
        if transition != Transition::None {
            self.accounts_changed();
        }
        Ok(ScimUserRecord {
            version: old.version + 1,
            ..new
        })
    }
}
