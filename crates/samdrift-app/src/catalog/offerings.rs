//! Keeping the catalog: services' family, owner and dependencies,
//! offerings with their units and standard contents, yearly prices and the
//! hourly rate. Everyone signed in reads the catalog; managers and admins
//! change it.

use super::require_catalog_keeper;
use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::charging::Unit;
use samdrift_domain::error::FieldErrors;
use samdrift_domain::scope::Scope;
use samdrift_store::catalog::offerings::OfferingRecord;
use samdrift_store::registers::services::ServiceRecord;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// An offering as the catalog shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogOffering {
    pub offering: OfferingRecord,
    pub contents: Vec<String>,
    /// (year, price per unit and year in öre), by year.
    pub prices: Vec<(i64, i64)>,
}

/// A service with its dependencies and offerings.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogService {
    pub service: ServiceRecord,
    /// Codes of the services it depends on.
    pub depends_on: Vec<String>,
    pub offerings: Vec<CatalogOffering>,
}

/// The whole catalog, by family then service name.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub services: Vec<CatalogService>,
    /// (year, hourly rate in öre).
    pub hourly_rates: Vec<(i64, i64)>,
}

/// What a keeper sends to create or change an offering.
#[derive(Debug, Clone, Default)]
pub struct OfferingInput {
    pub service: String,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub description: String,
    pub contents: Vec<String>,
    pub service_levels: String,
    pub active: bool,
}

pub(crate) fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 32
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Prices are set for years in this range.
pub(crate) fn check_year(errors: &mut FieldErrors, year: i64) {
    if !(2000..=2100).contains(&year) {
        errors.push("year", samdrift_domain::msg!("field.year"));
    }
}

impl App {
    pub async fn catalog(&self) -> Result<Catalog, AppError> {
        let services = self.store.list_services().await?;
        let offerings = self.store.list_offerings().await?;
        let mut prices: BTreeMap<Uuid, Vec<(i64, i64)>> = BTreeMap::new();
        for p in self.store.list_prices().await? {
            prices
                .entry(p.offering_id)
                .or_default()
                .push((p.year, p.price_ore));
        }
        let codes: BTreeMap<Uuid, String> =
            services.iter().map(|s| (s.id, s.code.clone())).collect();
        let mut deps: BTreeMap<Uuid, Vec<String>> = BTreeMap::new();
        for (service, on) in self.store.list_service_dependencies().await? {
            if let Some(code) = codes.get(&on) {
                deps.entry(service).or_default().push(code.clone());
            }
        }
        let mut out: Vec<CatalogService> = services
            .into_iter()
            .map(|service| {
                let mut depends_on = deps.remove(&service.id).unwrap_or_default();
                depends_on.sort();
                let offerings = offerings
                    .iter()
                    .filter(|o| o.service_id == service.id)
                    .map(|o| CatalogOffering {
                        contents: serde_json::from_str(&o.contents).unwrap_or_default(),
                        prices: prices.get(&o.id).cloned().unwrap_or_default(),
                        offering: o.clone(),
                    })
                    .collect();
                CatalogService {
                    service,
                    depends_on,
                    offerings,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            (&a.service.family, &a.service.name).cmp(&(&b.service.family, &b.service.name))
        });
        Ok(Catalog {
            services: out,
            hourly_rates: self.store.list_hourly_rates().await?,
        })
    }

    /// Sets a service's family, owner, description and dependencies. A
    /// service may not depend on itself or, through others, on itself.
    #[allow(clippy::too_many_arguments)]
    pub async fn update_service_catalog(
        &self,
        scope: &Scope,
        code: &str,
        family: &str,
        owner: &str,
        description: &str,
        depends_on: &[String],
        version: i64,
    ) -> Result<ServiceRecord, AppError> {
        require_catalog_keeper(scope)?;
        let service = self
            .store
            .service_by_code(code)
            .await?
            .ok_or(AppError::NotFound("service"))?;
        let services = self.store.list_services().await?;
        let by_code: BTreeMap<&str, Uuid> =
            services.iter().map(|s| (s.code.as_str(), s.id)).collect();
        let mut errors = FieldErrors::default();
        let mut ids = Vec::new();
        for (i, d) in depends_on.iter().enumerate() {
            match by_code.get(d.as_str()) {
                None => errors.push(
                    format!("depends_on[{i}]"),
                    samdrift_domain::msg!("service.no_code", code = d),
                ),
                Some(id) if *id == service.id => errors.push(
                    format!("depends_on[{i}]"),
                    samdrift_domain::msg!("service.depends_on_itself"),
                ),
                Some(id) if !ids.contains(id) => ids.push(*id),
                Some(_) => {}
            }
        }
        if family.chars().count() > 80 {
            errors.push(
                "family",
                samdrift_domain::msg!("field.at_most_chars", max = 80),
            );
        }
        if owner.chars().count() > 120 {
            errors.push(
                "owner",
                samdrift_domain::msg!("field.at_most_chars", max = 120),
            );
        }
        // No cycles: nothing the new dependencies reach may lead back.
        let mut edges: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
        for (s, on) in self.store.list_service_dependencies().await? {
            if s != service.id {
                edges.entry(s).or_default().push(on);
            }
        }
        let mut seen = BTreeSet::new();
        let mut stack = ids.clone();
        while let Some(next) = stack.pop() {
            if next == service.id {
                errors.push("depends_on", samdrift_domain::msg!("service.circle"));
                break;
            }
            if seen.insert(next) {
                stack.extend(edges.get(&next).into_iter().flatten().copied());
            }
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        self.store
            .set_service_catalog(
                service.id,
                family.trim(),
                owner.trim(),
                description,
                &ids,
                version,
            )
            .await?;
        self.store
            .service_by_code(code)
            .await?
            .ok_or(AppError::NotFound("service"))
    }

    fn check_offering(&self, input: &OfferingInput, errors: &mut FieldErrors) -> Option<Unit> {
        if input.name.trim().is_empty() || input.name.chars().count() > 120 {
            errors.push(
                "name",
                samdrift_domain::msg!("field.length", min = 1, max = 120),
            );
        }
        if input.contents.iter().any(|c| c.trim().is_empty()) {
            errors.push("contents", samdrift_domain::msg!("field.empty_lines"));
        }
        input
            .unit
            .parse::<Unit>()
            .map_err(|e| errors.push("unit", e))
            .ok()
    }

    pub async fn create_offering(
        &self,
        scope: &Scope,
        input: OfferingInput,
    ) -> Result<CatalogOffering, AppError> {
        require_catalog_keeper(scope)?;
        let mut errors = FieldErrors::default();
        if !valid_code(&input.code) {
            errors.push("code", samdrift_domain::msg!("offering.code"));
        }
        let unit = self.check_offering(&input, &mut errors);
        let service = self.store.service_by_code(&input.service).await?;
        if service.is_none() {
            errors.push(
                "service",
                samdrift_domain::msg!("service.no_code", code = input.service),
            );
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let (Some(unit), Some(service)) = (unit, service) else {
            return Err(AppError::invalid(
                "body",
                samdrift_domain::msg!("offering.invalid"),
            ));
        };
        let record = OfferingRecord {
            id: new_id(self.clock.as_ref()),
            service_id: service.id,
            code: input.code.clone(),
            name: input.name.trim().to_owned(),
            unit: unit.as_str().into(),
            description: input.description,
            contents: serde_json::to_string(&input.contents).unwrap_or_else(|_| "[]".into()),
            service_levels: input.service_levels,
            active: input.active,
            version: 1,
        };
        self.store.insert_offering(&record).await?;
        Ok(CatalogOffering {
            offering: record,
            contents: input.contents,
            prices: vec![],
        })
    }

    /// Changes an offering (its code and service stay).
    pub async fn update_offering(
        &self,
        scope: &Scope,
        code: &str,
        input: OfferingInput,
        version: i64,
    ) -> Result<OfferingRecord, AppError> {
        require_catalog_keeper(scope)?;
        let mut current = self
            .store
            .offering_by_code(code)
            .await?
            .ok_or(AppError::NotFound("offering"))?;
        let mut errors = FieldErrors::default();
        let unit = self.check_offering(&input, &mut errors);
        errors.into_result(()).map_err(AppError::Invalid)?;
        current.name = input.name.trim().to_owned();
        current.unit = unit.map(|u| u.as_str().to_owned()).unwrap_or(current.unit);
        current.description = input.description;
        current.contents = serde_json::to_string(&input.contents).unwrap_or_else(|_| "[]".into());
        current.service_levels = input.service_levels;
        current.active = input.active;
        current.version = version;
        current.version = self.store.update_offering(&current).await?;
        Ok(current)
    }

    /// Sets an offering's price per unit for a year (öre, not negative).
    pub async fn set_offering_price(
        &self,
        scope: &Scope,
        code: &str,
        year: i64,
        price_ore: i64,
    ) -> Result<(), AppError> {
        require_catalog_keeper(scope)?;
        let offering = self
            .store
            .offering_by_code(code)
            .await?
            .ok_or(AppError::NotFound("offering"))?;
        let mut errors = FieldErrors::default();
        check_year(&mut errors, year);
        if !(0..=100_000_000_000).contains(&price_ore) {
            errors.push("price_ore", samdrift_domain::msg!("offering.price_range"));
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        self.store.set_price(offering.id, year, price_ore).await?;
        Ok(())
    }

    /// Sets the hourly rate of a year for chargeable work.
    pub async fn set_hourly_rate(
        &self,
        scope: &Scope,
        year: i64,
        rate_ore: i64,
    ) -> Result<(), AppError> {
        require_catalog_keeper(scope)?;
        let mut errors = FieldErrors::default();
        check_year(&mut errors, year);
        if !(0..=10_000_000).contains(&rate_ore) {
            errors.push("rate_ore", samdrift_domain::msg!("rate.range"));
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        self.store.set_hourly_rate(year, rate_ore).await?;
        Ok(())
    }
}
