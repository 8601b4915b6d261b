//! A member's directory (Active Directory or OpenLDAP) as samdrift reads
//! it: which attributes mean what in each kind of directory, and how the
//! directory's users are matched to the people of the member's register.
//!
//! The directory does not create people (they come from the HR and school
//! systems); it tells, for each person, their account in the directory
//! (login name, principal name, whether it is disabled) and the groups it
//! belongs to. A user is matched by employee number (the HR system's key)
//! first, then by e-mail; a directory user nobody in the register matches
//! is reported, not added. Group membership is the union of the user's
//! `memberOf` and the groups that list the user as a member (OpenLDAP
//! without the memberof overlay has only the latter). Distinguished names
//! are compared without regard to case, as directories do.

use std::collections::{BTreeSet, HashMap};

/// Which kind of directory: it decides the default attributes and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    ActiveDirectory,
    OpenLdap,
}

impl Flavour {
    pub fn parse(text: &str) -> Option<Flavour> {
        match text {
            "active_directory" | "ad" => Some(Flavour::ActiveDirectory),
            "openldap" => Some(Flavour::OpenLdap),
            _ => None,
        }
    }

    /// The attributes of this kind of directory.
    pub fn attributes(self) -> Attributes {
        match self {
            Flavour::ActiveDirectory => Attributes {
                login: "sAMAccountName".into(),
                principal: "userPrincipalName".into(),
                employee_id: "employeeID".into(),
                mail: "mail".into(),
                name: "displayName".into(),
                member_of: "memberOf".into(),
                group_name: "cn".into(),
                group_member: "member".into(),
                account_control: Some("userAccountControl".into()),
            },
            Flavour::OpenLdap => Attributes {
                login: "uid".into(),
                principal: "mail".into(),
                employee_id: "employeeNumber".into(),
                mail: "mail".into(),
                name: "cn".into(),
                member_of: "memberOf".into(),
                group_name: "cn".into(),
                group_member: "member".into(),
                account_control: None,
            },
        }
    }

    /// The filter that finds people (AD: users, not computers).
    pub fn user_filter(self) -> &'static str {
        match self {
            Flavour::ActiveDirectory => "(&(objectClass=user)(!(objectClass=computer)))",
            Flavour::OpenLdap => "(objectClass=inetOrgPerson)",
        }
    }

    /// The filter that finds groups.
    pub fn group_filter(self) -> &'static str {
        match self {
            Flavour::ActiveDirectory => "(objectClass=group)",
            Flavour::OpenLdap => "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))",
        }
    }
}

/// Which attribute carries what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attributes {
    pub login: String,
    pub principal: String,
    pub employee_id: String,
    pub mail: String,
    pub name: String,
    pub member_of: String,
    pub group_name: String,
    pub group_member: String,
    /// Active Directory's `userAccountControl`, whose bit 2 disables.
    pub account_control: Option<String>,
}

/// A user as the directory holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryUser {
    pub dn: String,
    pub login: Option<String>,
    pub principal: Option<String>,
    pub employee_id: Option<String>,
    pub mail: Option<String>,
    pub name: Option<String>,
    pub member_of: Vec<String>,
    pub disabled: bool,
}

/// A group as the directory holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryGroup {
    pub dn: String,
    pub name: String,
    pub members: Vec<String>,
}

/// Whether Active Directory's `userAccountControl` value disables the
/// account (bit 2, ACCOUNTDISABLE).
pub fn disabled_by_account_control(value: &str) -> bool {
    value.trim().parse::<i64>().is_ok_and(|v| v & 2 != 0)
}

/// A person of the register, as the matching needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterPerson<Id> {
    pub id: Id,
    pub email: String,
    /// The HR system's key (employee number), for people from HR.
    pub employee_number: Option<String>,
}

/// A person's account in the directory, as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryAccount<Id> {
    pub person: Id,
    pub dn: String,
    pub login: Option<String>,
    pub principal: Option<String>,
    pub disabled: bool,
    /// The names of the groups it belongs to, sorted.
    pub groups: Vec<String>,
}

/// What a directory read comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching<Id> {
    pub accounts: Vec<DirectoryAccount<Id>>,
    /// Directory users no person matched (their login or DN).
    pub unmatched: Vec<String>,
}

/// Matches the directory's users to the register's people (module docs).
/// A person matched by two directory users keeps the first (by DN order).
pub fn match_people<Id: Copy + Eq + std::hash::Hash>(
    register: &[RegisterPerson<Id>],
    users: &[DirectoryUser],
    groups: &[DirectoryGroup],
) -> Matching<Id> {
    let by_number: HashMap<&str, Id> = register
        .iter()
        .filter_map(|p| Some((p.employee_number.as_deref()?, p.id)))
        .collect();
    let by_mail: HashMap<String, Id> = register
        .iter()
        .map(|p| (p.email.to_lowercase(), p.id))
        .collect();
    let group_names: HashMap<String, &str> = groups
        .iter()
        .map(|g| (g.dn.to_lowercase(), g.name.as_str()))
        .collect();
    let mut listed: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for g in groups {
        for m in &g.members {
            listed
                .entry(m.to_lowercase())
                .or_default()
                .insert(g.name.as_str());
        }
    }
    let mut sorted: Vec<&DirectoryUser> = users.iter().collect();
    sorted.sort_by_key(|u| u.dn.to_lowercase());
    let mut taken = std::collections::HashSet::new();
    let mut accounts = Vec::new();
    let mut unmatched = Vec::new();
    for u in sorted {
        let person = u
            .employee_id
            .as_deref()
            .and_then(|n| by_number.get(n.trim()))
            .or_else(|| {
                [u.mail.as_deref(), u.principal.as_deref()]
                    .into_iter()
                    .flatten()
                    .find_map(|m| by_mail.get(&m.trim().to_lowercase()))
            })
            .copied();
        let Some(person) = person.filter(|p| taken.insert(*p)) else {
            unmatched.push(u.login.clone().unwrap_or_else(|| u.dn.clone()));
            continue;
        };
        let dn = u.dn.to_lowercase();
        let mut names: BTreeSet<&str> = listed.get(&dn).cloned().unwrap_or_default();
        for g in &u.member_of {
            if let Some(name) = group_names.get(&g.to_lowercase()) {
                names.insert(name);
            }
        }
        accounts.push(DirectoryAccount {
            person,
            dn: u.dn.clone(),
            login: u.login.clone(),
            principal: u.principal.clone(),
            disabled: u.disabled,
            groups: names.into_iter().map(str::to_owned).collect(),
        });
    }
    Matching {
        accounts,
        unmatched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: u8, email: &str, number: Option<&str>) -> RegisterPerson<u8> {
        RegisterPerson {
            id,
            email: email.into(),
            employee_number: number.map(Into::into),
        }
    }

    fn user(dn: &str, number: Option<&str>, mail: Option<&str>) -> DirectoryUser {
        DirectoryUser {
            dn: dn.into(),
            login: Some(dn.split(',').next().unwrap_or(dn).into()),
            employee_id: number.map(Into::into),
            mail: mail.map(Into::into),
            ..DirectoryUser::default()
        }
    }

    #[test]
    fn employee_number_first_then_mail_and_nobody_is_added() {
        let register = [
            person(1, "anna@ystad.se", Some("1001")),
            person(2, "bo@ystad.se", None),
        ];
        let users = [
            user("cn=Anna", Some("1001"), Some("other@ystad.se")),
            user("cn=Bo", None, Some("BO@ystad.se")),
            user("cn=Consultant", Some("9999"), Some("c@firm.se")),
        ];
        let m = match_people(&register, &users, &[]);
        let matched: Vec<(u8, &str)> = m
            .accounts
            .iter()
            .map(|a| (a.person, a.dn.as_str()))
            .collect();
        assert_eq!(matched, vec![(1, "cn=Anna"), (2, "cn=Bo")]);
        assert_eq!(m.unmatched, vec!["cn=Consultant".to_owned()]);
    }

    #[test]
    fn groups_come_from_member_of_and_from_the_groups_member_lists() {
        let register = [person(1, "anna@ystad.se", Some("1001"))];
        let mut anna = user("CN=Anna,OU=P", Some("1001"), None);
        anna.member_of = vec!["cn=ekonomi,ou=g".into()];
        let groups = [
            DirectoryGroup {
                dn: "CN=Ekonomi,OU=G".into(),
                name: "Ekonomi".into(),
                members: vec![],
            },
            DirectoryGroup {
                dn: "cn=skola,ou=g".into(),
                name: "Skola".into(),
                members: vec!["cn=anna,ou=p".into()],
            },
            DirectoryGroup {
                dn: "cn=annat,ou=g".into(),
                name: "Annat".into(),
                members: vec![],
            },
        ];
        let m = match_people(&register, &[anna], &groups);
        assert_eq!(
            m.accounts[0].groups,
            vec!["Ekonomi".to_owned(), "Skola".to_owned()]
        );
    }

    #[test]
    fn one_person_is_matched_once() {
        let register = [person(1, "anna@ystad.se", Some("1001"))];
        let users = [
            user("cn=a1", Some("1001"), None),
            user("cn=a2", None, Some("anna@ystad.se")),
        ];
        let m = match_people(&register, &users, &[]);
        assert_eq!(m.accounts.len(), 1);
        assert_eq!(m.unmatched, vec!["cn=a2".to_owned()]);
    }

    #[test]
    fn account_control_bit_two_disables() {
        assert!(disabled_by_account_control("514"));
        assert!(!disabled_by_account_control("512"));
        assert!(!disabled_by_account_control("not a number"));
        assert_eq!(Flavour::parse("ad"), Some(Flavour::ActiveDirectory));
        assert_eq!(Flavour::parse("novell"), None);
    }
}
