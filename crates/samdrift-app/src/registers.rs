//! The federation's registers: members, administrations, people, accounts,
//! competence groups, suppliers and services. Managers and admins maintain
//! them (accounts: admins only); members' people read their own member.

use crate::auth::{check_password_rules, hash_password};
use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::{AdministrationId, GroupId, MemberId, PersonId};
use samdrift_domain::member::{MemberCode, check_organisation_number};
use samdrift_domain::role::Role;
use samdrift_domain::scope::Scope;
use samdrift_store::accounts::AccountRecord;
use samdrift_store::people::PersonRecord;
use samdrift_store::registers::administrations::AdministrationRecord;
use samdrift_store::registers::groups::GroupRecord;
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::registers::services::{RoutingRuleRecord, ServiceRecord};
use samdrift_store::registers::suppliers::SupplierRecord;

pub const PERSON_KINDS: [&str; 5] = [
    "employee",
    "student",
    "elected_official",
    "consultant",
    "contractor",
];
pub const SERVICE_LEVELS: [&str; 3] = ["business", "it", "infrastructure"];

pub(crate) fn require_registrar(scope: &Scope) -> Result<(), AppError> {
    if scope.may_manage_registers() {
        Ok(())
    } else {
        Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.registers_write"
        )))
    }
}

/// Whether `email` (trimmed) looks like a mail address: something on
/// both sides of an `@`, no spaces.
pub(crate) fn is_address(email: &str) -> bool {
    email.contains('@') && !email.starts_with('@') && !email.ends_with('@') && !email.contains(' ')
}

fn required(errors: &mut FieldErrors, field: &str, value: &str) {
    if value.trim().is_empty() {
        errors.push(field, samdrift_domain::msg!("field.required"));
    }
}

/// A new account: who, which password, which roles.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub username: String,
    pub password: String,
    pub role: Role,
    /// The member a member role is held in (code).
    pub member: Option<String>,
    /// The person the account belongs to (end users report as this person).
    pub person: Option<PersonId>,
}

impl App {
    pub async fn create_member(
        &self,
        scope: &Scope,
        code: &str,
        name: &str,
        organisation_number: &str,
        ownership_share_bp: i64,
    ) -> Result<MemberRecord, AppError> {
        require_registrar(scope)?;
        let mut errors = FieldErrors::default();
        if let Err(e) = MemberCode::parse(code) {
            errors.push("code", e);
        }
        required(&mut errors, "name", name);
        if let Err(e) = check_organisation_number(organisation_number) {
            errors.push("organisation_number", e);
        }
        if !(0..=10_000).contains(&ownership_share_bp) {
            errors.push(
                "ownership_share_bp",
                samdrift_domain::msg!("field.share_range"),
            );
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let record = MemberRecord {
            id: new_id(self.clock.as_ref()),
            code: code.to_owned(),
            name: name.trim().to_owned(),
            organisation_number: organisation_number.to_owned(),
            ownership_share_bp,
            created_at: self.now_micros(),
            version: 1,
        };
        self.store.insert_member(&record).await?;
        Ok(record)
    }

    /// Resolves a member code for a caller: unknown codes and members
    /// outside the scope look the same.
    pub async fn member_in_scope(
        &self,
        scope: &Scope,
        code: &str,
    ) -> Result<MemberRecord, AppError> {
        match self.store.member_by_code(code).await? {
            Some(m) if scope.members().allows(MemberId(m.id)) => Ok(m),
            _ => Err(AppError::invalid(
                "member",
                samdrift_domain::msg!("member.no_code", code = code),
            )),
        }
    }

    pub async fn create_administration(
        &self,
        scope: &Scope,
        member: MemberId,
        parent: Option<AdministrationId>,
        name: &str,
    ) -> Result<AdministrationRecord, AppError> {
        require_registrar(scope)?;
        if name.trim().is_empty() {
            return Err(AppError::invalid(
                "name",
                samdrift_domain::msg!("field.required"),
            ));
        }
        if let Some(parent) = parent {
            let found = self
                .store
                .get_administration(&scope.register_members(), parent)
                .await?;
            if found.map(|p| p.member_id) != Some(member.0) {
                return Err(AppError::invalid(
                    "parent_id",
                    samdrift_domain::msg!("administration.not_in_member"),
                ));
            }
        }
        let record = AdministrationRecord {
            member_id: member.0,
            id: new_id(self.clock.as_ref()),
            parent_id: parent.map(|p| p.0),
            name: name.trim().to_owned(),
            version: 1,
        };
        self.store.insert_administration(&record).await?;
        Ok(record)
    }

    pub async fn create_person(
        &self,
        scope: &Scope,
        member: MemberId,
        administration: Option<AdministrationId>,
        name: &str,
        email: &str,
        kind: &str,
    ) -> Result<PersonRecord, AppError> {
        require_registrar(scope)?;
        let mut errors = FieldErrors::default();
        required(&mut errors, "name", name);
        let email = email.trim();
        if !is_address(email) {
            errors.push("email", samdrift_domain::msg!("field.email"));
        }
        if !PERSON_KINDS.contains(&kind) {
            errors.push(
                "kind",
                samdrift_domain::msg!(
                    "field.one_of",
                    options = PERSON_KINDS.map(str::to_owned).to_vec()
                ),
            );
        }
        if let Some(a) = administration {
            let found = self
                .store
                .get_administration(&scope.register_members(), a)
                .await?;
            if found.map(|x| x.member_id) != Some(member.0) {
                errors.push(
                    "administration_id",
                    samdrift_domain::msg!("administration.not_in_member"),
                );
            }
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let record = PersonRecord {
            member_id: member.0,
            id: new_id(self.clock.as_ref()),
            administration_id: administration.map(|a| a.0),
            name: name.trim().to_owned(),
            email: email.to_lowercase(),
            kind: kind.to_owned(),
            version: 1,
        };
        self.store.insert_person(&record).await?;
        Ok(record)
    }

    pub async fn create_group(
        &self,
        scope: &Scope,
        name: &str,
        description: &str,
    ) -> Result<GroupRecord, AppError> {
        require_registrar(scope)?;
        if name.trim().is_empty() {
            return Err(AppError::invalid(
                "name",
                samdrift_domain::msg!("field.required"),
            ));
        }
        let record = GroupRecord {
            id: new_id(self.clock.as_ref()),
            name: name.trim().to_owned(),
            description: description.to_owned(),
            version: 1,
        };
        self.store.insert_group(&record).await?;
        Ok(record)
    }

    pub async fn add_group_member(
        &self,
        scope: &Scope,
        group: GroupId,
        username: &str,
    ) -> Result<(), AppError> {
        require_registrar(scope)?;
        self.store
            .get_group(group)
            .await?
            .ok_or(AppError::NotFound("group"))?;
        let account = self
            .store
            .account_by_username(username)
            .await?
            .filter(|a| a.staff_role.is_some())
            .ok_or_else(|| {
                AppError::invalid("username", samdrift_domain::msg!("staff.no_account"))
            })?;
        Ok(self
            .store
            .add_group_member(group, samdrift_domain::ids::AccountId(account.id))
            .await?)
    }

    pub async fn create_supplier(
        &self,
        scope: &Scope,
        name: &str,
        email: &str,
        phone: &str,
        contact_name: &str,
    ) -> Result<SupplierRecord, AppError> {
        require_registrar(scope)?;
        if name.trim().is_empty() {
            return Err(AppError::invalid(
                "name",
                samdrift_domain::msg!("field.required"),
            ));
        }
        let record = SupplierRecord {
            id: new_id(self.clock.as_ref()),
            name: name.trim().to_owned(),
            email: email.trim().to_owned(),
            phone: phone.trim().to_owned(),
            contact_name: contact_name.trim().to_owned(),
            version: 1,
        };
        self.store.insert_supplier(&record).await?;
        Ok(record)
    }

    pub async fn create_service(
        &self,
        scope: &Scope,
        code: &str,
        name: &str,
        level: &str,
        description: &str,
        owning_group: Option<GroupId>,
    ) -> Result<ServiceRecord, AppError> {
        require_registrar(scope)?;
        let mut errors = FieldErrors::default();
        let code_ok = !code.is_empty()
            && code.len() <= 32
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !code_ok {
            errors.push("code", samdrift_domain::msg!("service.code"));
        }
        required(&mut errors, "name", name);
        if !SERVICE_LEVELS.contains(&level) {
            errors.push("level", samdrift_domain::msg!("service.level"));
        }
        if let Some(g) = owning_group
            && self.store.get_group(g).await?.is_none()
        {
            errors.push("owning_group_id", samdrift_domain::msg!("group.unknown"));
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let record = ServiceRecord {
            id: new_id(self.clock.as_ref()),
            code: code.to_owned(),
            name: name.trim().to_owned(),
            level: level.to_owned(),
            description: description.to_owned(),
            owning_group_id: owning_group.map(|g| g.0),
            family: String::new(),
            owner: String::new(),
            version: 1,
        };
        self.store.insert_service(&record).await?;
        Ok(record)
    }

    /// Creates an account. Used by admins through the API and by the CLI
    /// (which acts as the system, without a scope).
    pub async fn create_account(
        &self,
        scope: Option<&Scope>,
        new: NewAccount,
    ) -> Result<AccountRecord, AppError> {
        if let Some(scope) = scope
            && !scope.is_admin()
        {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.accounts_create"
            )));
        }
        let mut errors = FieldErrors::default();
        let name_ok = (2..=64).contains(&new.username.len())
            && new
                .username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
        if !name_ok {
            errors.push("username", samdrift_domain::msg!("staff.username"));
        }
        if let Err(AppError::Invalid(mut e)) = check_password_rules(&new.password, &[&new.username])
        {
            errors.0.append(&mut e);
        }
        let mut member_role = None;
        let mut person_member = None;
        match (new.role, new.member.as_deref()) {
            (Role::Member(_), None) => {
                errors.push("member", samdrift_domain::msg!("role.member_needed"))
            }
            (Role::Member(role), Some(code)) => match self.store.member_by_code(code).await? {
                Some(m) => member_role = Some((MemberId(m.id), role.as_str().to_owned())),
                None => errors.push(
                    "member",
                    samdrift_domain::msg!("member.no_code", code = code),
                ),
            },
            (Role::Staff(_), _) => {}
        }
        if let Some(person) = new.person {
            match self
                .store
                .get_person(&samdrift_domain::scope::MemberFilter::All, person)
                .await?
            {
                Some(p) => person_member = Some(p.member_id),
                None => errors.push("person_id", samdrift_domain::msg!("person.unknown")),
            }
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let hash = hash_password(new.password).await?;
        let record = AccountRecord {
            id: new_id(self.clock.as_ref()),
            username: new.username,
            password_hash: hash,
            person_member_id: person_member,
            person_id: new.person.map(|p| p.0),
            staff_role: match new.role {
                Role::Staff(r) => Some(r.as_str().to_owned()),
                Role::Member(_) => None,
            },
            language: "sv".into(),
            disabled: false,
            created_at: self.now_micros(),
            version: 1,
            email: None,
        };
        let roles: Vec<(MemberId, String)> = member_role.into_iter().collect();
        self.store.insert_account(&record, &roles).await?;
        Ok(record)
    }

    pub async fn list_accounts(&self, scope: &Scope) -> Result<Vec<AccountRecord>, AppError> {
        if !scope.is_admin() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.accounts_list"
            )));
        }
        Ok(self.store.list_accounts().await?)
    }

    /// Adds a routing rule: tickets matching its set fields (service,
    /// member, type) go to its group; rules are tried by position.
    pub async fn create_routing_rule(
        &self,
        scope: &Scope,
        position: i64,
        service: Option<uuid::Uuid>,
        member: Option<&str>,
        ticket_type: Option<&str>,
        group: GroupId,
    ) -> Result<RoutingRuleRecord, AppError> {
        require_registrar(scope)?;
        let mut errors = FieldErrors::default();
        if let Some(s) = service
            && self
                .store
                .get_service(samdrift_domain::ids::ServiceId(s))
                .await?
                .is_none()
        {
            errors.push("service_id", samdrift_domain::msg!("service.unknown"));
        }
        let member_id = match member {
            Some(code) => match self.store.member_by_code(code).await? {
                Some(m) => Some(m.id),
                None => {
                    errors.push(
                        "member",
                        samdrift_domain::msg!("member.no_code", code = code),
                    );
                    None
                }
            },
            None => None,
        };
        if let Some(t) = ticket_type
            && let Err(e) = t.parse::<samdrift_domain::ticket::TicketType>()
        {
            errors.push("type", e);
        }
        if self.store.get_group(group).await?.is_none() {
            errors.push("group_id", samdrift_domain::msg!("group.unknown"));
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let rule = RoutingRuleRecord {
            id: new_id(self.clock.as_ref()),
            position,
            service_id: service,
            member_id,
            ticket_type: ticket_type.map(str::to_owned),
            group_id: group.0,
        };
        self.store.insert_routing_rule(&rule).await?;
        Ok(rule)
    }
}
