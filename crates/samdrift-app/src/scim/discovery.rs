//! The documents that describe this SCIM service (RFC 7643 sections 5-7):
//! what it supports, its resource types and the attributes it keeps.

use super::{ENTERPRISE_SCHEMA, GROUP_SCHEMA, LIST_SCHEMA, MAX_COUNT, USER_SCHEMA};
use serde_json::{Value, json};

const SPC_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Schema";

pub fn service_provider_config(base: &str) -> Value {
    json!({
        "schemas": [SPC_SCHEMA],
        "patch": {"supported": true},
        "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": true, "maxResults": MAX_COUNT},
        "changePassword": {"supported": false},
        "sort": {"supported": true},
        "etag": {"supported": true},
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "A member's SCIM token: Authorization: Bearer <token>",
            "primary": true,
        }],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": format!("{base}/ServiceProviderConfig"),
        },
    })
}

fn resource_type(
    base: &str,
    name: &str,
    endpoint: &str,
    schema: &str,
    extensions: &[&str],
) -> Value {
    let extensions: Vec<Value> = extensions
        .iter()
        .map(|e| json!({"schema": e, "required": false}))
        .collect();
    json!({
        "schemas": [RESOURCE_TYPE_SCHEMA],
        "id": name,
        "name": name,
        "endpoint": endpoint,
        "description": format!("{name}s of the token's member"),
        "schema": schema,
        "schemaExtensions": extensions,
        "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/{name}")},
    })
}

pub fn resource_types(base: &str) -> Vec<Value> {
    vec![
        resource_type(base, "User", "/Users", USER_SCHEMA, &[ENTERPRISE_SCHEMA]),
        resource_type(base, "Group", "/Groups", GROUP_SCHEMA, &[]),
    ]
}

/// One attribute's description.
fn attr(name: &str, kind: &str, description: &str) -> Value {
    json!({
        "name": name,
        "type": kind,
        "multiValued": false,
        "description": description,
        "required": false,
        "caseExact": false,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
    })
}

fn with(mut a: Value, changes: Value) -> Value {
    if let (Some(o), Some(c)) = (a.as_object_mut(), changes.as_object()) {
        for (k, v) in c {
            o.insert(k.clone(), v.clone());
        }
    }
    a
}

fn schema(base: &str, id: &str, name: &str, attributes: Vec<Value>) -> Value {
    json!({
        "schemas": [SCHEMA_SCHEMA],
        "id": id,
        "name": name,
        "description": format!("{name} as samdrift keeps it"),
        "attributes": attributes,
        "meta": {"resourceType": "Schema", "location": format!("{base}/Schemas/{id}")},
    })
}

fn user_schema(base: &str) -> Value {
    let name = with(
        attr("name", "complex", "The person's name"),
        json!({"subAttributes": [
            attr("formatted", "string", "The whole name; samdrift's name of the person"),
            attr("givenName", "string", "Given name"),
            attr("familyName", "string", "Family name"),
        ]}),
    );
    let emails = with(
        attr("emails", "complex", "The work e-mail (one)"),
        json!({"multiValued": true, "subAttributes": [
            attr("value", "string", "The address"),
            with(attr("type", "string", "Always work"), json!({"canonicalValues": ["work"]})),
            attr("primary", "boolean", "Always true"),
        ]}),
    );
    schema(
        base,
        USER_SCHEMA,
        "User",
        vec![
            with(
                attr(
                    "userName",
                    "string",
                    "The person's e-mail, their username; unique in the member, kept in lower case",
                ),
                json!({"required": true, "uniqueness": "server"}),
            ),
            name,
            attr("displayName", "string", "The name shown"),
            emails,
            attr("title", "string", "Title or role"),
            attr("active", "boolean", "False when the person has left"),
        ],
    )
}

fn enterprise_schema(base: &str) -> Value {
    schema(
        base,
        ENTERPRISE_SCHEMA,
        "EnterpriseUser",
        vec![
            with(
                attr("employeeNumber", "string", "Employee number"),
                json!({"caseExact": true}),
            ),
            attr("department", "string", "Department (förvaltning)"),
        ],
    )
}

fn group_schema(base: &str) -> Value {
    let members = with(
        attr("members", "complex", "The group's users"),
        json!({"multiValued": true, "subAttributes": [
            with(attr("value", "string", "A User's id"), json!({"mutability": "immutable", "caseExact": true})),
            with(attr("$ref", "reference", "The User's address"), json!({"mutability": "immutable", "referenceTypes": ["User"]})),
            with(attr("display", "string", "The User's name"), json!({"mutability": "readOnly"})),
            with(attr("type", "string", "Always User"), json!({"mutability": "immutable", "canonicalValues": ["User"]})),
        ]}),
    );
    schema(
        base,
        GROUP_SCHEMA,
        "Group",
        vec![
            with(
                attr("displayName", "string", "The group's name"),
                json!({"required": true}),
            ),
            members,
        ],
    )
}

pub fn schemas(base: &str) -> Vec<Value> {
    vec![
        user_schema(base),
        enterprise_schema(base),
        group_schema(base),
    ]
}

/// A list of discovery documents.
pub fn listed(resources: Vec<Value>) -> Value {
    json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": resources.len(),
        "startIndex": 1,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    })
}
