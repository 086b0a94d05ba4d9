//! `POST /v1/generate`, and generation within a user's effective policy for resets.

use std::sync::{Arc, Mutex, PoisonError, Weak};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use zeroize::Zeroizing;

use super::auth::authenticate;
use super::context::RequestContext;
use super::generator_check::require_generator;
use super::idempotent::to_body;
use super::users::{find_user, pick_directory};
use crate::config::Operation;
use crate::directory::UserRecord;
use crate::http::error::{ApiError, ServiceCode};
use crate::service::Service;
use passforge::{GeneratorSettings, Policy, PolicyGenerateError, PolicyGenerator, UserContext};

/// The request.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct GenerateRequest {
    /// Generate within this user's effective policy (1 to 256 bytes of UTF-8, no control
    /// characters).
    #[serde(default)]
    #[schema(
        min_length = 1,
        max_length = 256,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$",
        example = "alice"
    )]
    pub user: Option<String>,
    /// The directory; absent: the first configured.
    #[serde(default)]
    pub directory: Option<String>,
}

/// The answer.
#[derive(Serialize, ToSchema)]
pub struct GenerateAnswer {
    /// The password.
    #[schema(value_type = String)]
    pub password: Zeroizing<String>,
    /// Entropy of the generator's output (before the policy's rejection).
    pub entropy_bits: f64,
}

/// The user's context for the policy's context rules.
pub fn user_context(user: &UserRecord) -> UserContext {
    UserContext {
        username: Some(user.name.clone()),
        display_name: user.display_name.clone(),
        email: user.email.clone(),
    }
}

/// A password within `policy` (for `user`), after checking that the configured
/// generator can guarantee it.
pub fn generate_for(
    service: &Service,
    policy: &Arc<Policy>,
    user: Option<&UserRecord>,
) -> Result<(Zeroizing<String>, f64), ApiError> {
    let generator = policy_generator(service, policy)?;
    let context = user.map(user_context).unwrap_or_default();
    let password = generator
        .generate(&context)
        .map_err(|e| generation_error(&e))?;
    // After the policy's counted rejections (max_repeat, required characters): the
    // entropy of what is generated, not of the candidates.
    Ok((
        Zeroizing::new(password.as_str().to_owned()),
        generator.acceptance().entropy_bits,
    ))
}

/// A generator built for a policy (by identity) and the service's settings.
struct Built {
    /// Holds the policy's allocation (not the policy), so no other policy can have its
    /// address while this entry exists.
    policy: Weak<Policy>,
    settings: GeneratorSettings,
    generator: Arc<PolicyGenerator>,
}

/// Building a `PolicyGenerator` (the generator's count tables, its check against the
/// policy) costs many times a password, and a directory hands out the same `Arc<Policy>`
/// for as long as the policy holds: built ones are kept per policy, checked once.
static BUILT: Mutex<Vec<Built>> = Mutex::new(Vec::new());
/// Per-user policies and directories that read theirs per call stay bounded.
const MAX_BUILT: usize = 64;

fn policy_generator(
    service: &Service,
    policy: &Arc<Policy>,
) -> Result<Arc<PolicyGenerator>, ApiError> {
    let settings = service.generator().settings();
    let built = || BUILT.lock().unwrap_or_else(PoisonError::into_inner);
    let hit = built()
        .iter()
        .find(|b| std::ptr::eq(b.policy.as_ptr(), Arc::as_ptr(policy)) && b.settings == *settings)
        .map(|b| Arc::clone(&b.generator));
    if let Some(generator) = hit {
        return Ok(generator);
    }
    require_generator(policy, service.generator())?;
    let generator =
        Arc::new(PolicyGenerator::new(policy, Some(settings)).map_err(|e| generation_error(&e))?);
    let mut built = built();
    built.retain(|b| b.policy.strong_count() > 0);
    if built.len() >= MAX_BUILT {
        built.remove(0);
    }
    built.push(Built {
        policy: Arc::downgrade(policy),
        settings: settings.clone(),
        generator: Arc::clone(&generator),
    });
    Ok(generator)
}

fn generation_error(e: &PolicyGenerateError) -> ApiError {
    match e {
        PolicyGenerateError::Settings(s) => {
            ApiError::new(ServiceCode::GeneratorTooWeak, s.to_string())
        }
        // The settings cannot meet the policy's max_repeat or required characters
        // often enough to generate: as weak as settings below it.
        e @ PolicyGenerateError::AcceptanceTooLow { .. } => {
            ApiError::new(ServiceCode::GeneratorTooWeak, e.to_string())
        }
        other => ApiError::internal(other),
    }
}

/// `generate`.
pub async fn generate(
    service: &Service,
    ctx: &RequestContext,
    authorization: Option<&str>,
    request: GenerateRequest,
) -> Result<Zeroizing<Vec<u8>>, ApiError> {
    authenticate(service, ctx, authorization, Operation::Generate).await?;
    let directory = pick_directory(service, ctx, request.directory.as_deref())?;
    let user = match &request.user {
        Some(name) => Some(find_user(directory.as_ref(), ctx, name).await?),
        None => None,
    };
    let policy = directory.effective_policy(user.as_ref()).await?;
    let (password, entropy_bits) = generate_for(service, &policy, user.as_ref())?;
    to_body(&GenerateAnswer {
        password,
        entropy_bits,
    })
}
