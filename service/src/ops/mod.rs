//! What each API operation does, in the order the reference service runs it. The HTTP
//! handlers only convert types; every rule lives here.

pub mod audit;
pub mod auth;
pub mod context;
pub mod directories;
pub mod generate;
pub mod generator_check;
pub mod groups;
pub mod idempotent;
pub mod reset;
pub mod unlock;
pub mod users;
pub mod validate;

use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// One violation of the policy, as answered.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ViolationBody {
    /// The core's violation code (`TOO_SHORT`, `CONTAINS_USERNAME`, ...).
    pub code: String,
    /// Its parameters (`required`, `actual`, ...).
    #[schema(value_type = Object)]
    pub params: Map<String, Value>,
    /// A default English message.
    pub message: String,
}

impl From<&passforge::Violation> for ViolationBody {
    fn from(v: &passforge::Violation) -> Self {
        Self {
            code: v.code().to_owned(),
            params: v
                .params()
                .into_iter()
                .map(|(k, p)| (k.to_owned(), serde_json::to_value(p).unwrap_or(Value::Null)))
                .collect(),
            message: v.message(),
        }
    }
}

/// One way the generator falls short of a policy, as answered.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ShortfallBody {
    /// The core's shortfall code (`GENERATOR_LENGTH_BELOW_MINIMUM`, ...).
    pub code: String,
    /// What falls short ("generator length 8 is below the policy minimum of 10 characters").
    pub message: String,
}
