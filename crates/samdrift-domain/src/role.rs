//! Roles: member-side roles held in one member, and federation-wide staff roles.

use crate::messages::Message;
use crate::msg;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A role held in one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    /// Användare: reports faults and follows own tickets.
    EndUser,
    /// Beställare: orders services and reads the member's reports.
    Orderer,
    /// IT-strateg: reads the member's tickets and reports.
    Strategist,
}

/// A role in the shared service center, valid across members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Servicedesk, first line.
    Agent,
    /// Tekniker, second line in a competence group.
    Technician,
    /// Gruppledare.
    GroupLead,
    /// Förbundschef / driftchef.
    Manager,
    /// Administratör.
    Admin,
}

/// Either kind of role, as named on the command line and in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Role {
    Member(MemberRole),
    Staff(StaffRole),
}

impl MemberRole {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::EndUser => "end_user",
            MemberRole::Orderer => "orderer",
            MemberRole::Strategist => "strategist",
        }
    }
}

impl StaffRole {
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Agent => "agent",
            StaffRole::Technician => "technician",
            StaffRole::GroupLead => "group_lead",
            StaffRole::Manager => "manager",
            StaffRole::Admin => "admin",
        }
    }
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member(r) => r.as_str(),
            Role::Staff(r) => r.as_str(),
        }
    }
}

impl FromStr for Role {
    type Err = Message;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "end_user" => Role::Member(MemberRole::EndUser),
            "orderer" => Role::Member(MemberRole::Orderer),
            "strategist" => Role::Member(MemberRole::Strategist),
            "agent" => Role::Staff(StaffRole::Agent),
            "technician" => Role::Staff(StaffRole::Technician),
            "group_lead" => Role::Staff(StaffRole::GroupLead),
            "manager" => Role::Staff(StaffRole::Manager),
            "admin" => Role::Staff(StaffRole::Admin),
            _ => return Err(msg!("role.unknown", value = s)),
        })
    }
}

impl FromStr for MemberRole {
    type Err = Message;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.parse::<Role>()? {
            Role::Member(r) => Ok(r),
            Role::Staff(_) => Err(msg!("role.staff_not_member", value = s)),
        }
    }
}

impl FromStr for StaffRole {
    type Err = Message;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.parse::<Role>()? {
            Role::Staff(r) => Ok(r),
            Role::Member(_) => Err(msg!("role.member_not_staff", value = s)),
        }
    }
}
