//! What every response carries and every request passes: security headers and a
//! per-client rate limit.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::patience::Client;

/// The Content-Security-Policy of every response: scripts, styles, images and API calls
/// from this server only, no inline script or style, no plugins, no framing, no `<base>`.
/// Article text the page shows can then run nothing even if a bug let markup through.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// A client's allowance: `burst` requests at once, refilled at `per_second`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub burst: u32,
    pub per_second: f64,
}

impl Rate {
    /// `n` requests a second, with bursts of three seconds' worth: a page load asks for
    /// a handful of files and answers at once.
    pub fn per_second(n: u32) -> Rate {
        Rate {
            burst: n.saturating_mul(3).max(1),
            per_second: f64::from(n),
        }
    }
}

/// Buckets kept at most; past this, full buckets (clients idle long enough to have
/// refilled) are dropped, so a scan from many addresses cannot grow memory without bound.
const MAX_CLIENTS: usize = 10_000;

/// A token bucket per client address.
struct Limiter {
    rate: Rate,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl Limiter {
    /// Takes a token from `client`'s bucket; `false` when it is empty.
    fn allow(&self, client: IpAddr) -> bool {
        let now = Instant::now();
        let burst = f64::from(self.rate.burst);
        let refill = |tokens: f64, since: Instant| {
            (tokens + now.duration_since(since).as_secs_f64() * self.rate.per_second).min(burst)
        };
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(&client) {
            buckets.retain(|_, (tokens, since)| refill(*tokens, *since) < burst);
        }
        let (tokens, since) = buckets.entry(client).or_insert((burst, now));
        let available = refill(*tokens, *since);
        *since = now;
        if available >= 1.0 {
            *tokens = available - 1.0;
            true
        } else {
            *tokens = available;
            false
        }
    }
}

/// Wraps the application in the rate limit (when there is one) and the security headers.
pub(crate) fn layer(app: Router, rate: Option<Rate>) -> Router {
    let limiter = rate.map(|rate| {
        Arc::new(Limiter {
            rate,
            buckets: Mutex::new(HashMap::new()),
        })
    });
    app.layer(middleware::from_fn(move |request: Request, next: Next| {
        let limiter = limiter.clone();
        async move {
            // Without the connection's address (a router called in-process, as the tests
            // do) every request counts against one client.
            let client = request
                .extensions()
                .get::<ConnectInfo<Client>>()
                .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.0);
            let allowed = limiter.as_ref().is_none_or(|limiter| limiter.allow(client));
            let mut response = if allowed {
                next.run(request).await
            } else {
                let mut refused = ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too many requests; slow down",
                )
                .into_response();
                refused
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                refused
            };
            secure(&mut response);
            response
        }
    }))
}

/// Adds the security headers to a response.
fn secure(response: &mut Response) {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_empties_after_its_burst_and_clients_are_apart() {
        let limiter = Limiter {
            rate: Rate {
                burst: 3,
                per_second: 0.001,
            },
            buckets: Mutex::new(HashMap::new()),
        };
        let one = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
        let two = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));
        assert_eq!(
            (0..4).map(|_| limiter.allow(one)).collect::<Vec<_>>(),
            [true, true, true, false]
        );
        assert!(limiter.allow(two));
    }
}
