//! Agreements per member and period. Orderers and strategists read their
//! own member's; managers and admins write. Saving an agreement recomputes
//! the clocks of the member's tickets, since their targets come from it.

use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::agreement::AgreementSpec;
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::Scope;
use samdrift_store::service_levels::agreements::AgreementRecord;
use uuid::Uuid;

impl App {
    async fn check_references(&self, spec: &AgreementSpec) -> Result<(), AppError> {
        let mut errors = FieldErrors::default();
        for (i, e) in spec.entries.iter().enumerate() {
            if let Some(code) = &e.service
                && self.store.service_by_code(code).await?.is_none()
            {
                errors.push(
                    format!("entries[{i}].service"),
                    samdrift_domain::msg!("service.no_code_with", code = code),
                );
            }
        }
        for id in spec.calendar_ids() {
            if self.store.get_calendar(id).await?.is_none() {
                errors.push(
                    "entries",
                    samdrift_domain::msg!("calendar.no_id", id = id.to_string()),
                );
            }
        }
        errors.into_result(()).map_err(AppError::Invalid)
    }

    pub async fn save_agreement(
        &self,
        scope: &Scope,
        member_code: &str,
        existing: Option<(Uuid, Option<i64>)>,
        spec: AgreementSpec,
    ) -> Result<(AgreementRecord, AgreementSpec), AppError> {
        if !scope.may_manage_registers() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.agreements"
            )));
        }
        let member = self.member_in_scope(scope, member_code).await?;
        let (from, to) = spec.validate().map_err(AppError::Invalid)?;
        self.check_references(&spec).await?;
        let (id, version) = match existing {
            Some((id, version)) => {
                let current = self
                    .store
                    .get_agreement(&scope.members(), id)
                    .await?
                    .filter(|a| a.member_id == member.id)
                    .ok_or(AppError::NotFound("agreement"))?;
                (current.id, Some(version.ok_or(AppError::VersionRequired)?))
            }
            None => (new_id(self.clock.as_ref()), None),
        };
        let record = AgreementRecord {
            member_id: member.id,
            id,
            name: spec.name.trim().to_owned(),
            valid_from: from.to_string(),
            valid_to: to.to_string(),
            spec: serde_json::to_string(&spec).map_err(|_| {
                AppError::invalid("body", samdrift_domain::msg!("agreement.cannot_store"))
            })?,
            version: version.unwrap_or(1),
        };
        let saved = self
            .store
            .save_agreement(&record, &spec.calendar_ids(), version)
            .await?;
        self.recompute_member_clocks(MemberId(member.id)).await?;
        Ok((saved, spec))
    }

    pub async fn agreements(
        &self,
        scope: &Scope,
        member: Option<&str>,
    ) -> Result<Vec<(AgreementRecord, AgreementSpec)>, AppError> {
        let member = match member {
            Some(code) => Some(self.member_in_scope(scope, code).await?.id),
            None => None,
        };
        let records = self
            .store
            .list_agreements(&scope.register_members(), member)
            .await?;
        records
            .into_iter()
            .map(|r| {
                let s = parse(&r)?;
                Ok((r, s))
            })
            .collect()
    }

    pub async fn agreement(
        &self,
        scope: &Scope,
        id: Uuid,
    ) -> Result<(AgreementRecord, AgreementSpec), AppError> {
        let record = self
            .store
            .get_agreement(&scope.register_members(), id)
            .await?
            .ok_or(AppError::NotFound("agreement"))?;
        let spec = parse(&record)?;
        Ok((record, spec))
    }

    pub async fn delete_agreement(&self, scope: &Scope, id: Uuid) -> Result<(), AppError> {
        let (record, _) = self.agreement(scope, id).await?;
        if !scope.may_manage_registers() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.agreements"
            )));
        }
        self.store.delete_agreement(record.member_id, id).await?;
        self.recompute_member_clocks(MemberId(record.member_id))
            .await?;
        Ok(())
    }
}

pub fn parse(record: &AgreementRecord) -> Result<AgreementSpec, AppError> {
    serde_json::from_str(&record.spec).map_err(|_| {
        AppError::Conflict(samdrift_domain::msg!(
            "conflict.agreement_unreadable",
            name = &record.name
        ))
    })
}
