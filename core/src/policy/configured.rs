//! A generator as a front-end configures it: options alone, or options within a policy
//! for one user. The CLI, Python, WASM and the service all build this one type, so the
//! "given or derived" rule and the user-context rule cannot drift between them.

use rand_core::{CryptoRng, RngCore};

use crate::generate::charset::AMBIGUOUS;
use crate::generate::generator::Generator;
use crate::generate::options::GeneratorOptions;
use crate::generate::password::Password;
use crate::policy::acceptance::PolicyAcceptance;
use crate::policy::error::PolicyGenerateError;
use crate::policy::generate::PolicyGenerator;
use crate::policy::password_rules::PasswordRules;
use crate::policy::rules::Policy;
use crate::policy::validate::UserContext;
use crate::random::source::RandomSource;

/// Options alone, or options within a policy for one user.
///
/// ```
/// use passforge::{ConfiguredGenerator, GeneratorOptions, Policy, PolicyFormat, RandomSource, UserContext};
/// let policy = Policy::parse("min_length = 14\nmin_digits = 3\n", PolicyFormat::Toml)?;
/// // No option given: the settings are derived from the policy.
/// let g = ConfiguredGenerator::new(&GeneratorOptions::default(), Some(&policy),
///                                  UserContext::with_username("jdoe"))?;
/// let password = g.generate(RandomSource::Os)?;
/// assert!(password.char_count() >= 14);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ConfiguredGenerator {
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    // Boxed, both: the generators are large and a front-end holds one per object.
    Plain(Box<Generator>),
    Policy(Box<(PolicyGenerator, UserContext)>),
}

impl ConfiguredGenerator {
    /// Without a policy: the options over the defaults (a user context is refused,
    /// `CONTEXT_WITHOUT_POLICY`, since nothing would apply it). With a policy: options
    /// given are checked against it first (`SETTINGS_BELOW_POLICY`); with none given the
    /// settings are derived from it ([`GeneratorOptions::settings_for_policy`]).
    pub fn new(
        options: &GeneratorOptions,
        policy: Option<&Policy>,
        context: UserContext,
    ) -> Result<Self, PolicyGenerateError> {
        let kind = match policy {
            None => {
                if context != UserContext::default() {
                    return Err(PolicyGenerateError::ContextWithoutPolicy);
                }
                Kind::Plain(Box::new(Generator::new(&options.to_settings())?))
            }
            Some(policy) => {
                let settings = options.settings_for_policy();
                let generator = PolicyGenerator::new(policy, settings.as_ref())?;
                Kind::Policy(Box::new((generator, context)))
            }
        };
        Ok(Self { kind })
    }

    /// For password rules: the policy they describe ([`PasswordRules::to_policy`]) and the
    /// settings derived from it ([`Policy::generator_settings`]), so every password
    /// complies and every compliant one (of the default sets' characters: never a space)
    /// is equally likely. Of `options`, `length` (checked against the rules), `exclude`
    /// and `avoid_ambiguous` (characters left out of every class) combine with the rules;
    /// the others define classes and are refused (`PASSWORD_RULES_OPTION`).
    ///
    /// ```
    /// use passforge::{ConfiguredGenerator, GeneratorOptions, PasswordRules, RandomSource};
    /// let rules = PasswordRules::parse("minlength: 10; maxlength: 16; required: upper; required: digit; allowed: lower")?;
    /// let options = GeneratorOptions { length: Some(14), avoid_ambiguous: Some(true), ..GeneratorOptions::default() };
    /// let g = ConfiguredGenerator::from_password_rules(&rules, &options)?;
    /// let password = g.generate(RandomSource::SeededForTests(1))?;
    /// assert_eq!(password.char_count(), 14);
    /// assert!(password.as_str().chars().any(|c| c.is_ascii_uppercase()));
    /// assert!(!password.as_str().contains(['0', 'O', 'l']));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_password_rules(
        rules: &PasswordRules,
        options: &GeneratorOptions,
    ) -> Result<Self, PolicyGenerateError> {
        let classes = [
            ("lower", options.lower.is_some()),
            ("upper", options.upper.is_some()),
            ("digits", options.digits.is_some()),
            ("symbols", options.symbols.is_some()),
            ("lower_set", options.lower_set.is_some()),
            ("upper_set", options.upper_set.is_some()),
            ("digit_set", options.digit_set.is_some()),
            ("symbol_set", options.symbol_set.is_some()),
            ("strength_check", options.strength_check.is_some()),
        ];
        if let Some(&(option, _)) = classes.iter().find(|(_, given)| *given) {
            return Err(PolicyGenerateError::RulesOption { option });
        }
        let policy = rules.to_policy().map_err(PolicyGenerateError::Policy)?;
        let mut excluded: Vec<char> = options.exclude.as_deref().unwrap_or("").chars().collect();
        if options.avoid_ambiguous == Some(true) {
            excluded.extend(AMBIGUOUS.chars());
        }
        let settings = policy.derive_settings(options.length, &excluded)?;
        let generator = PolicyGenerator::new(&policy, Some(&settings))?;
        Ok(Self {
            kind: Kind::Policy(Box::new((generator, UserContext::default()))),
        })
    }

    /// How many of the generator's passwords the policy's counted rules let through, and
    /// their entropy ([`PolicyGenerator::acceptance`]); `None` without a policy.
    pub fn acceptance(&self) -> Option<PolicyAcceptance> {
        match &self.kind {
            Kind::Plain(_) => None,
            Kind::Policy(p) => Some(p.0.acceptance()),
        }
    }

    /// The generator candidates come from (its length and entropy are before any
    /// policy rejection).
    pub fn generator(&self) -> &Generator {
        match &self.kind {
            Kind::Plain(g) => g,
            Kind::Policy(p) => p.0.generator(),
        }
    }

    /// The policy every password obeys, if any.
    pub fn policy(&self) -> Option<&Policy> {
        match &self.kind {
            Kind::Plain(_) => None,
            Kind::Policy(p) => Some(p.0.policy()),
        }
    }

    /// One password from `source`.
    pub fn generate(&self, source: RandomSource) -> Result<Password, PolicyGenerateError> {
        self.generate_with(&mut source.rng()?)
    }

    /// `n` passwords from one stream of `source` (at most [`crate::MAX_BATCH`]).
    pub fn generate_many(
        &self,
        source: RandomSource,
        n: usize,
    ) -> Result<Vec<Password>, PolicyGenerateError> {
        self.generate_many_with(&mut source.rng()?, n)
    }

    /// One password from `rng`.
    pub fn generate_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
    ) -> Result<Password, PolicyGenerateError> {
        match &self.kind {
            Kind::Plain(g) => Ok(g.generate_with(rng)?),
            Kind::Policy(p) => p.0.generate_with(rng, &p.1),
        }
    }

    /// `n` passwords from `rng`: the same stream as `n` calls of
    /// [`Self::generate_with`] (at most [`crate::MAX_BATCH`]).
    pub fn generate_many_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        n: usize,
    ) -> Result<Vec<Password>, PolicyGenerateError> {
        match &self.kind {
            Kind::Plain(g) => Ok(g.generate_many_with(rng, n)?),
            Kind::Policy(p) => p.0.generate_many_with(rng, &p.1, n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::text::PolicyFormat;

    #[test]
    fn context_needs_a_policy() {
        let e = ConfiguredGenerator::new(
            &GeneratorOptions::default(),
            None,
            UserContext::with_username("x"),
        )
        .unwrap_err();
        assert_eq!(e.code(), "CONTEXT_WITHOUT_POLICY");
    }

    #[test]
    fn given_options_are_checked_and_absent_ones_derived() {
        let policy = Policy::parse("min_length = 20\n", PolicyFormat::Toml).unwrap();
        let derived = ConfiguredGenerator::new(
            &GeneratorOptions::default(),
            Some(&policy),
            UserContext::default(),
        )
        .unwrap();
        assert_eq!(derived.generator().length(), 20);
        // exclude = "" changes nothing, so the settings are still derived.
        let no_op = GeneratorOptions {
            exclude: Some(String::new()),
            ..GeneratorOptions::default()
        };
        assert!(ConfiguredGenerator::new(&no_op, Some(&policy), UserContext::default()).is_ok());
        let short = GeneratorOptions {
            length: Some(8),
            ..GeneratorOptions::default()
        };
        let e =
            ConfiguredGenerator::new(&short, Some(&policy), UserContext::default()).unwrap_err();
        assert_eq!(e.code(), "SETTINGS_BELOW_POLICY");
    }

    #[test]
    fn seeded_generation_is_the_generators_stream() {
        let g =
            ConfiguredGenerator::new(&GeneratorOptions::default(), None, UserContext::default())
                .unwrap();
        let a = g.generate(RandomSource::SeededForTests(1)).unwrap();
        assert_eq!(a.as_str(), "vq2g\\9e+ANci");
        let many = g.generate_many(RandomSource::SeededForTests(1), 2).unwrap();
        assert_eq!(many[0].as_str(), "vq2g\\9e+ANci");
    }
}
