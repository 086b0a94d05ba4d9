//! Problems found in a configuration: each one line, `error:` or `warning:`.

use std::fmt;

/// How bad a problem is: an error stops the service, a warning is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The service cannot run like this.
    Error,
    /// It runs, but probably not as meant.
    Warning,
}

/// One problem, as printed: `error: [clients.0] token_file: ...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.message)
    }
}

/// Every problem found so far.
#[derive(Clone, Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// Records an error.
    pub fn error(&mut self, message: impl Into<String>) {
        self.0.push(Problem {
            severity: Severity::Error,
            message: message.into(),
        });
    }

    /// Records a warning.
    pub fn warning(&mut self, message: impl Into<String>) {
        self.0.push(Problem {
            severity: Severity::Warning,
            message: message.into(),
        });
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|p| p.severity == Severity::Error)
    }

    /// Every problem, in the order found.
    pub fn all(&self) -> &[Problem] {
        &self.0
    }

    /// Appends another list.
    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}
