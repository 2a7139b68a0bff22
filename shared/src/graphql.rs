//! The GraphQL wire envelope, as the browser sends and reads it.

use crate::{ErrorCode, ValidationReason};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct Request<'a, V: Serialize> {
    pub query: &'a str,
    pub variables: V,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Response<D> {
    pub data: Option<D>,
    #[serde(default)]
    pub errors: Vec<ResponseError>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ResponseError {
    pub message: String,
    #[serde(default)]
    pub extensions: Option<ErrorExtensions>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ErrorExtensions {
    pub code: ErrorCode,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub reason: Option<ValidationReason>,
}

impl ResponseError {
    pub fn code(&self) -> ErrorCode {
        self.extensions
            .as_ref()
            .map(|e| e.code)
            .unwrap_or(ErrorCode::Internal)
    }
}

/// No variables.
#[derive(Debug, Clone, Copy, Serialize, Default)]
pub struct NoVars {}
