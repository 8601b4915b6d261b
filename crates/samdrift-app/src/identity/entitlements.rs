//! Entitlement rules in use: a member's rules are kept and previewed
//! (who a rule would reach today), and when a delivery is applied each
//! person whose accesses change gets a request ticket with a fulfilment
//! task per access to grant or remove, for the competence group the rule
//! names: the catalog's task machinery, without approvals (the rule is the
//! decision).

use crate::identity::deliveries::register_person;
use crate::ids::new_id;
use crate::registers::require_registrar;
use crate::tickets::NewTicketInput;
use crate::{App, AppError};
use samdrift_domain::catalog::request::{ItemSpec, RequestState, TaskState};
use samdrift_domain::identity::entitlements::{EntitlementChange, RuleMatch, entitlement_change};
use samdrift_domain::identity::source::Facts;
use samdrift_domain::ids::MemberId;
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use samdrift_store::catalog::items::CatalogItemRecord;
use samdrift_store::catalog::requests::NewRequest;
use samdrift_store::identity_rules::RuleRecord;
use uuid::Uuid;

/// The catalog item every entitlement request is made for (inactive: not
/// offered in the portal).
const ITEM_CODE: &str = "PERSON-ACCESS";

/// A stored rule, as the web layer reads it.
pub type RuleRecordView = RuleRecord;

/// A rule as an administrator writes it.
#[derive(Debug, Clone, Default)]
pub struct RuleInput {
    pub name: String,
    pub when: RuleMatch,
    pub grant_task: String,
    pub removal_task: String,
    pub group_id: Uuid,
}

/// A person's change as the rules see it: (source, facts) before and after.
#[derive(Debug, Clone)]
pub(crate) struct PersonChange {
    pub person: Uuid,
    pub name: String,
    pub before: Option<(String, Facts)>,
    pub after: Option<(String, Facts)>,
}

/// Who a rule reaches among a member's active people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulePreview {
    pub count: usize,
    /// The first 50 by name.
    pub names: Vec<String>,
}

pub(crate) fn rule_match(r: &RuleRecord) -> RuleMatch {
    RuleMatch {
        source: r.source.clone(),
        title: r.title.clone(),
        administration: r.administration.clone(),
        school: r.school.clone(),
    }
}

impl App {
    pub async fn create_entitlement_rule(
        &self,
        scope: &Scope,
        member: MemberId,
        input: RuleInput,
    ) -> Result<RuleRecord, AppError> {
        require_registrar(scope)?;
        self.store
            .get_member(scope, member)
            .await?
            .ok_or(AppError::NotFound("member"))?;
        let mut errors = samdrift_domain::error::FieldErrors::default();
        let text = |v: &str| v.trim().to_owned();
        for (field, value) in [
            ("name", &input.name),
            ("grant_task", &input.grant_task),
            ("removal_task", &input.removal_task),
        ] {
            if value.trim().is_empty() || value.chars().count() > 200 {
                errors.push(field, msg!("field.length", min = 1, max = 200));
            }
        }
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let when = RuleMatch {
            source: clean(&input.when.source),
            title: clean(&input.when.title),
            administration: clean(&input.when.administration),
            school: clean(&input.when.school),
        };
        if let Some(s) = &when.source
            && s.parse::<samdrift_domain::identity::source::SourceKind>()
                .is_err()
        {
            errors.push(
                "source",
                msg!(
                    "field.one_of",
                    options = vec!["hr".to_owned(), "school".to_owned()]
                ),
            );
        }
        if !when.is_specific() {
            errors.push("title", msg!("rule.not_specific"));
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let record = RuleRecord {
            member_id: member.0,
            id: new_id(self.clock.as_ref()),
            name: text(&input.name),
            source: when.source,
            title: when.title,
            administration: when.administration,
            school: when.school,
            grant_task: text(&input.grant_task),
            removal_task: text(&input.removal_task),
            group_id: input.group_id,
            created_at: self.now_micros(),
            version: 1,
        };
        self.store.insert_rule(&record).await?;
        Ok(record)
    }

    pub async fn entitlement_rules(
        &self,
        scope: &Scope,
        member: MemberId,
    ) -> Result<Vec<RuleRecord>, AppError> {
        require_registrar(scope)?;
        Ok(self
            .store
            .rules(&scope.register_members(), Some(member.0))
            .await?)
    }

    pub async fn delete_entitlement_rule(&self, scope: &Scope, id: Uuid) -> Result<(), AppError> {
        require_registrar(scope)?;
        if self
            .store
            .delete_rule(&scope.register_members(), id)
            .await?
        {
            Ok(())
        } else {
            Err(AppError::NotFound("rule"))
        }
    }

    /// Who a rule would reach among the member's active people today.
    pub async fn preview_entitlement_rule(
        &self,
        scope: &Scope,
        member: MemberId,
        when: &RuleMatch,
    ) -> Result<RulePreview, AppError> {
        require_registrar(scope)?;
        self.store
            .get_member(scope, member)
            .await?
            .ok_or(AppError::NotFound("member"))?;
        let mut names: Vec<String> = self
            .store
            .sourced_people(member)
            .await?
            .iter()
            .filter(|p| p.ended_at.is_none())
            .filter_map(|p| {
                let source = p.source.clone()?;
                when.matches(&source, &register_person(p).facts)
                    .then(|| p.name.clone())
            })
            .collect();
        names.sort();
        let count = names.len();
        names.truncate(50);
        Ok(RulePreview { count, names })
    }

    /// The inactive catalog item entitlement requests are made for.
    async fn entitlement_item(&self) -> Result<Uuid, AppError> {
        if let Some(item) = self.store.catalog_item_by_code(ITEM_CODE).await? {
            return Ok(item.id);
        }
        let item = CatalogItemRecord {
            id: new_id(self.clock.as_ref()),
            code: ITEM_CODE.into(),
            name: "Behörigheter från personkällan".into(),
            description: String::new(),
            service_id: None,
            price_ore: 0,
            spec: serde_json::to_string(&ItemSpec::default()).unwrap_or_else(|_| "{}".into()),
            active: false,
            version: 1,
        };
        match self.store.insert_catalog_item(&item).await {
            Ok(()) => Ok(item.id),
            // Another node made it first.
            Err(samdrift_store::StoreError::Duplicate(_)) => self
                .store
                .catalog_item_by_code(ITEM_CODE)
                .await?
                .map(|i| i.id)
                .ok_or(AppError::NotFound("catalog item")),
            Err(e) => Err(e.into()),
        }
    }

    /// For each person whose accesses change, a request ticket with a task
    /// per access to grant or remove. Returns the tickets made.
    pub(crate) async fn raise_entitlement_tasks(
        &self,
        member: MemberId,
        code: &str,
        changes: &[PersonChange],
    ) -> Result<usize, AppError> {
        let rules = self
            .store
            .rules(&samdrift_domain::scope::MemberFilter::All, Some(member.0))
            .await?;
        if rules.is_empty() {
            return Ok(0);
        }
        let matches: Vec<(Uuid, RuleMatch)> = rules.iter().map(|r| (r.id, rule_match(r))).collect();
        let mut made = 0;
        for c in changes {
            let change = entitlement_change(
                &matches,
                c.before.as_ref().map(|(s, f)| (s.as_str(), f)),
                c.after.as_ref().map(|(s, f)| (s.as_str(), f)),
            );
            if change.is_empty() {
                continue;
            }
            self.entitlement_request(code, c, &change, &rules).await?;
            made += 1;
        }
        Ok(made)
    }

    async fn entitlement_request(
        &self,
        code: &str,
        c: &PersonChange,
        change: &EntitlementChange,
        rules: &[RuleRecord],
    ) -> Result<(), AppError> {
        let item = self.entitlement_item().await?;
        let rule = |id: &Uuid| rules.iter().find(|r| r.id == *id);
        let tasks: Vec<(Uuid, i64, String, Uuid, String)> = change
            .granted
            .iter()
            .filter_map(|id| rule(id).map(|r| (r.grant_task.clone(), r.group_id)))
            .chain(
                change
                    .removed
                    .iter()
                    .filter_map(|id| rule(id).map(|r| (r.removal_task.clone(), r.group_id))),
            )
            .map(|(title, group)| {
                (
                    new_id(self.clock.as_ref()),
                    1,
                    title,
                    group,
                    TaskState::Open.as_str().to_owned(),
                )
            })
            .collect();
        let first_group = tasks.first().map(|t| t.3);
        let description = tasks
            .iter()
            .map(|t| format!("- {}", t.2))
            .collect::<Vec<_>>()
            .join("\n");
        let input = NewTicketInput {
            member: Some(code.to_owned()),
            requester_id: Some(c.person),
            ticket_type: "request".into(),
            title: format!("Behörigheter: {}", c.name),
            description,
            impact: 3,
            urgency: 3,
            ..Default::default()
        };
        let request = NewRequest {
            catalog_item_id: item,
            answers: "[]".into(),
            price_ore: 0,
            state: RequestState::InFulfilment.as_str().into(),
            approvals: vec![],
            tasks,
            fulfilled_at: None,
        };
        let scope = crate::demo::system_scope();
        let ticket = self
            .create_ticket_with(&scope, input, Some(request))
            .await?;
        self.start_request(&scope, ticket.id, RequestState::InFulfilment, first_group)
            .await
    }
}
