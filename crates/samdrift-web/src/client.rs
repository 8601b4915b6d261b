//! The address a request came from, for the login throttle: the TCP peer,
//! or, when the peer is a proxy the operator trusts (`trusted_proxies`),
//! the nearest address in `X-Forwarded-For` that is not itself a trusted
//! proxy. A client cannot choose its address by sending the header itself:
//! from any other peer the header is ignored.

use crate::router::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// The client's address; None when the server was not told its peers
/// (a router served without connect info, as in tests).
pub struct ClientAddress(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        Ok(ClientAddress(peer.map(|peer| {
            client_of(peer, &parts.headers, &state.trusted_proxies)
        })))
    }
}

/// The client behind `peer`: the peer itself unless it is trusted, else
/// `X-Forwarded-For` read from the right, skipping trusted proxies. A
/// malformed entry ends the walk at the last address known good.
fn client_of(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |a: &IpAddr| trusted.contains(&canonical(*a));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Ok(address) = hop.parse::<IpAddr>() else {
            break;
        };
        client = canonical(address);
        if !is_trusted(&client) {
            break;
        }
    }
    client
}

/// An IPv4 address written as IPv6 (`::ffff:192.0.2.1`) is the IPv4 one.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// Whether the browser reached us over TLS: the operator says every
/// request does (`secure_cookies`), or a trusted proxy says this one did
/// (`X-Forwarded-Proto: https`). From any other peer the header is ignored.
fn over_tls(parts: &axum::http::request::Parts, state: &AppState) -> bool {
    if state.secure_cookies {
        return true;
    }
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| canonical(addr.ip()));
    let trusted = peer.is_some_and(|p| state.trusted_proxies.contains(&p));
    trusted
        && parts
            .headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

/// Marks every cookie `Secure` when the request came over TLS, so a session
/// cookie set behind a TLS proxy is never sent over plain HTTP, whether or
/// not the operator remembered `secure_cookies`.
pub async fn secure_cookies_over_tls(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let (parts, body) = req.into_parts();
    let tls = over_tls(&parts, &state);
    let mut response = next
        .run(axum::extract::Request::from_parts(parts, body))
        .await;
    if !tls {
        return response;
    }
    let cookies: Vec<_> = response
        .headers_mut()
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    if cookies.is_empty() {
        return response;
    }
    let headers = response.headers_mut();
    headers.remove(axum::http::header::SET_COOKIE);
    for cookie in cookies {
        let text = cookie.to_str().unwrap_or("");
        let secure = text
            .split(';')
            .any(|part| part.trim().eq_ignore_ascii_case("secure"));
        let value = if secure || text.is_empty() {
            cookie
        } else {
            axum::http::HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(cookie)
        };
        headers.append(axum::http::header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_forwarded(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", value.parse().unwrap());
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let h = with_forwarded("203.0.113.9");
        assert_eq!(client_of(ip("198.51.100.7"), &h, &[]), ip("198.51.100.7"));
        let proxy = [ip("10.0.0.2")];
        assert_eq!(client_of(ip("10.0.0.2"), &h, &proxy), ip("203.0.113.9"));
    }

    #[test]
    fn a_client_cannot_hide_behind_addresses_it_wrote_itself() {
        // The client sent "1.2.3.4"; the proxy appended the real address.
        let h = with_forwarded("1.2.3.4, 203.0.113.9");
        let proxy = [ip("10.0.0.2")];
        assert_eq!(client_of(ip("10.0.0.2"), &h, &proxy), ip("203.0.113.9"));
        // Two trusted proxies in a row are skipped.
        let h = with_forwarded("1.2.3.4, 203.0.113.9, 10.0.0.3");
        let proxies = [ip("10.0.0.2"), ip("10.0.0.3")];
        assert_eq!(client_of(ip("10.0.0.2"), &h, &proxies), ip("203.0.113.9"));
        // Garbage stops the walk at the last good hop.
        let h = with_forwarded("203.0.113.9, not-an-address");
        assert_eq!(client_of(ip("10.0.0.2"), &h, &proxy), ip("10.0.0.2"));
        assert_eq!(
            client_of(
                ip("::ffff:10.0.0.2"),
                &with_forwarded("203.0.113.9"),
                &proxy
            ),
            ip("203.0.113.9")
        );
    }
}
