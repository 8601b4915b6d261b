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
