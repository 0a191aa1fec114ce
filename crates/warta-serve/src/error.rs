//! The one error type of the API: a status code and a message, sent as
//! `{"error": "…"}` so that every failure, whatever produced it, reads the same.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A failed request: the status to answer with and what went wrong, in words for the
/// person who sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 400: a parameter the request got wrong.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: no such document, entity, story or route.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Json(serde_json::json!({ "error": self.message }));
        (self.status, body).into_response()
    }
}

/// A query the store rejects (a malformed day in a search filter) is the request's
/// fault; anything else is the server's, and its details stay in the server's log.
impl From<warta_store::Error> for ApiError {
    fn from(error: warta_store::Error) -> ApiError {
        match error {
            warta_store::Error::Query(message) => ApiError::bad_request(message),
            other => {
                eprintln!("warta serve: store error: {other}");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the store failed to answer",
                )
            }
        }
    }
}

/// Rejections of axum's extractors (a query string that does not parse, a body that is
/// not JSON or too large) keep their status and say why, as JSON.
macro_rules! from_rejection {
    ($($rejection:ty),*) => {$(
        impl From<$rejection> for ApiError {
            fn from(rejection: $rejection) -> ApiError {
                ApiError::new(rejection.status(), rejection.body_text())
            }
        }
    )*};
}

from_rejection!(
    axum::extract::rejection::QueryRejection,
    axum::extract::rejection::JsonRejection,
    axum::extract::rejection::PathRejection
);
