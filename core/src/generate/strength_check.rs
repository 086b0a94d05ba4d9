//! The identity manager's strength check: a list of single-quoted regular expressions.
//!
//! Format: `'pattern', 'pattern', …` with optional whitespace around the commas and at
//! the ends. Inside a pattern a single quote is written twice (`''`), as in SQL; nothing
//! else is special, so backslashes reach the regex engine unchanged. An empty (or
//! all-whitespace) string is an empty list.

use regex::{Regex, RegexBuilder};

use crate::generate::error::StrengthCheckError;

/// Most patterns accepted in one strength check.
pub const MAX_PATTERNS: usize = 32;
/// Longest pattern accepted, in bytes.
pub const MAX_PATTERN_LEN: usize = 1024;
/// Compiled-program size limit per pattern; keeps hostile patterns (nested counted
/// repetition) from costing memory or time.
const COMPILED_SIZE_LIMIT: usize = 1 << 20;
/// Most counted repetition one strength check may hold, summed over its patterns (each
/// `{n}` or `{m,n}` weighs `n` times what it repeats, nested ones multiply; `*` and `+`
/// weigh 1). Matching costs about (input length) x (this weight) in the worst case, so
/// with passwords capped at [`crate::MAX_PASSWORD_LENGTH`] every check stays in the
/// milliseconds; `'[A-Z].{0,200}[0-9]'` weighs 202.
pub const MAX_REPETITION_WEIGHT: u64 = 256;

/// A parsed strength check: a password passes when every pattern matches somewhere in it
/// (ordinary search semantics; a pattern anchors itself with `^` and `$`).
#[derive(Clone, Debug)]
pub struct StrengthCheck {
    patterns: Vec<String>,
    compiled: Vec<Regex>,
}

impl StrengthCheck {
    /// Parses and compiles `'p1', 'p2', …`.
    ///
    /// ```
    /// let check = passforge::StrengthCheck::parse(r"'^.{12,}$', '^.*[0-9].*$', 'it''s'")?;
    /// assert_eq!(check.patterns(), ["^.{12,}$", "^.*[0-9].*$", "it's"]);
    /// assert!(check.is_match("it's 12 chars long"));
    /// # Ok::<(), passforge::StrengthCheckError>(())
    /// ```
    pub fn parse(list: &str) -> Result<Self, StrengthCheckError> {
        let patterns = split_quoted(list)?;
        if patterns.len() > MAX_PATTERNS {
            return Err(StrengthCheckError::TooManyPatterns {
                count: patterns.len(),
            });
        }
        Self::compile_all(patterns)
    }

    /// A strength check from patterns already split (no quoting).
    pub fn from_patterns<I, S>(patterns: I) -> Result<Self, StrengthCheckError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let patterns: Vec<String> = patterns.into_iter().map(Into::into).collect();
        if patterns.len() > MAX_PATTERNS {
            return Err(StrengthCheckError::TooManyPatterns {
                count: patterns.len(),
            });
        }
        Self::compile_all(patterns)
    }

    fn compile_all(patterns: Vec<String>) -> Result<Self, StrengthCheckError> {
        let mut weight = 0u64;
        let mut compiled = Vec::with_capacity(patterns.len());
        for (index, pattern) in patterns.iter().enumerate() {
            compiled.push(compile(index, pattern)?);
            // The pattern compiled, so it also parses.
            weight = weight.saturating_add(repetition_weight(pattern).unwrap_or(u64::MAX));
            if weight > MAX_REPETITION_WEIGHT {
                return Err(StrengthCheckError::TooComplex { index, weight });
            }
        }
        Ok(Self { patterns, compiled })
    }

    /// The patterns, quotes removed.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Whether there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// True when every pattern matches `password`.
    pub fn is_match(&self, password: &str) -> bool {
        self.compiled.iter().all(|re| re.is_match(password))
    }

    /// The index of the first pattern that does not match `password`, if any.
    pub fn first_failure(&self, password: &str) -> Option<usize> {
        self.compiled.iter().position(|re| !re.is_match(password))
    }

    /// Indexes of the patterns that do not match `password`.
    pub fn failures(&self, password: &str) -> Vec<usize> {
        self.compiled
            .iter()
            .enumerate()
            .filter(|(_, re)| !re.is_match(password))
            .map(|(i, _)| i)
            .collect()
    }

    /// Writes the list back in the quoted format; `parse(to_list_string())` round-trips.
    pub fn to_list_string(&self) -> String {
        self.patterns
            .iter()
            .map(|p| format!("'{}'", p.replace('\'', "''")))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn compile(index: usize, pattern: &str) -> Result<Regex, StrengthCheckError> {
    if pattern.len() > MAX_PATTERN_LEN {
        return Err(StrengthCheckError::PatternTooLong {
            index,
            len: pattern.len(),
        });
    }
    if !cfg!(feature = "unicode-classes") && uses_unicode_class(pattern) {
        return Err(StrengthCheckError::ClassUnavailable {
            index,
            pattern: pattern.to_owned(),
        });
    }
    RegexBuilder::new(pattern)
        .size_limit(COMPILED_SIZE_LIMIT)
        .dfa_size_limit(COMPILED_SIZE_LIMIT)
        .build()
        .map_err(|e| StrengthCheckError::InvalidPattern {
            index,
            pattern: pattern.to_owned(),
            reason: explain(&e),
        })
}

/// Whether `pattern` holds a Unicode property class (`\p{L}`, `\PL`, `[\p{Lu}\d]`),
/// read from its syntax tree, which needs no Unicode tables; a pattern that does not parse
/// is left to the compiler's own error.
fn uses_unicode_class(pattern: &str) -> bool {
    use regex_syntax::ast::{self, Ast, ClassSetItem};
    /// Stops the walk at the first property class.
    struct Finder;
    impl ast::Visitor for Finder {
        type Output = ();
        type Err = ();
        fn finish(self) -> Result<(), ()> {
            Ok(())
        }
        fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
            match ast {
                Ast::ClassUnicode(_) => Err(()),
                _ => Ok(()),
            }
        }
        fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
            match item {
                ClassSetItem::Unicode(_) => Err(()),
                _ => Ok(()),
            }
        }
    }
    ast::parse::Parser::new()
        .parse(pattern)
        .is_ok_and(|tree| ast::visit(&tree, Finder).is_err())
}

/// The counted-repetition weight of one pattern (see [`MAX_REPETITION_WEIGHT`]).
fn repetition_weight(pattern: &str) -> Option<u64> {
    use regex_syntax::hir::{Hir, HirKind};
    fn weight(hir: &Hir) -> u64 {
        match hir.kind() {
            HirKind::Repetition(rep) => {
                let times = u64::from(rep.max.unwrap_or(rep.min).max(1));
                times.saturating_mul(weight(&rep.sub))
            }
            HirKind::Capture(cap) => weight(&cap.sub),
            HirKind::Concat(parts) | HirKind::Alternation(parts) => parts
                .iter()
                .fold(0u64, |total, part| total.saturating_add(weight(part))),
            _ => 1,
        }
    }
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    Some(weight(&hir))
}

/// One line saying what is wrong, naming unsupported syntax plainly.
fn explain(e: &regex::Error) -> String {
    let text = e.to_string();
    let detail = text
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or(text.lines().last().unwrap_or("invalid pattern"))
        .trim()
        .to_owned();
    if detail.contains("look-around") {
        "look-around ((?=…), (?!…), (?<=…), (?<!…)) is not supported; the engine runs in \
         linear time. Use one pattern per requirement instead"
            .to_owned()
    } else if detail.contains("backreference") {
        "back-references (\\1, \\k<name>) are not supported; the engine runs in linear time"
            .to_owned()
    } else if matches!(e, regex::Error::CompiledTooBig(_)) {
        format!("the compiled pattern exceeds the {COMPILED_SIZE_LIMIT}-byte limit; simplify its repetitions")
    } else {
        detail
    }
}

fn split_quoted(list: &str) -> Result<Vec<String>, StrengthCheckError> {
    let bytes = list.as_bytes();
    let mut out = Vec::new();
    let mut i = skip_ws(bytes, 0);
    if i == bytes.len() {
        return Ok(out);
    }
    loop {
        if bytes.get(i) != Some(&b'\'') {
            return Err(StrengthCheckError::Syntax {
                position: i,
                expected: "a single quote opening a pattern",
            });
        }
        i += 1;
        let mut pattern = String::new();
        let mut start = i;
        loop {
            match bytes.get(i) {
                None => {
                    return Err(StrengthCheckError::Syntax {
                        position: i,
                        expected: "a single quote closing the pattern",
                    })
                }
                Some(b'\'') if bytes.get(i + 1) == Some(&b'\'') => {
                    pattern.push_str(&list[start..i]);
                    pattern.push('\'');
                    i += 2;
                    start = i;
                }
                Some(b'\'') => {
                    pattern.push_str(&list[start..i]);
                    i += 1;
                    break;
                }
                Some(_) => i += 1,
            }
        }
        if out.len() >= MAX_PATTERNS {
            return Err(StrengthCheckError::TooManyPatterns {
                count: out.len() + 1,
            });
        }
        out.push(pattern);
        i = skip_ws(bytes, i);
        match bytes.get(i) {
            None => return Ok(out),
            Some(b',') => i = skip_ws(bytes, i + 1),
            Some(_) => {
                return Err(StrengthCheckError::Syntax {
                    position: i,
                    expected: "a comma or the end of the list",
                })
            }
        }
    }
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_identity_manager_format() {
        let c = StrengthCheck::parse("'^.{12,}$', '^.*[0-9].*$'").unwrap();
        assert_eq!(c.patterns(), ["^.{12,}$", "^.*[0-9].*$"]);
        let c = StrengthCheck::parse("  'a'  ,'b' ,\t'c'  ").unwrap();
        assert_eq!(c.patterns(), ["a", "b", "c"]);
        assert!(StrengthCheck::parse("").unwrap().is_empty());
        assert!(StrengthCheck::parse("   ").unwrap().is_empty());
        let c = StrengthCheck::parse("'', 'don''t', ''''").unwrap();
        assert_eq!(c.patterns(), ["", "don't", "'"]);
        let c = StrengthCheck::parse(r"'\d', '[,]'").unwrap();
        assert_eq!(c.patterns(), [r"\d", "[,]"]);
    }

    #[test]
    fn round_trips_through_the_list_string() {
        let c = StrengthCheck::parse(r"'it''s', '\w+', ',', ''").unwrap();
        let again = StrengthCheck::parse(&c.to_list_string()).unwrap();
        assert_eq!(c.patterns(), again.patterns());
    }

    #[test]
    fn syntax_errors_say_where_and_what() {
        for (bad, pos) in [
            ("a", 0),
            ("'a", 2),
            ("'a',", 4),
            ("'a' 'b'", 4),
            ("'a',,'b'", 4),
        ] {
            match StrengthCheck::parse(bad) {
                Err(StrengthCheckError::Syntax { position, .. }) => {
                    assert_eq!(position, pos, "{bad}")
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn unsupported_syntax_names_the_pattern_and_the_feature() {
        let e = StrengthCheck::parse("'ok', '(?=.*[0-9])'").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("pattern 2 '(?=.*[0-9])'") && msg.contains("look-around"),
            "{msg}"
        );
        let e = StrengthCheck::parse(r"'(a)\1'").unwrap_err();
        assert!(e.to_string().contains("back-references"), "{e}");
        let e = StrengthCheck::parse("'[a-'").unwrap_err();
        assert_eq!(e.code(), "STRENGTH_CHECK_PATTERN");
    }

    #[test]
    fn sizes_are_capped() {
        let long = format!("'{}'", "a".repeat(MAX_PATTERN_LEN + 1));
        assert_eq!(
            StrengthCheck::parse(&long).unwrap_err().code(),
            "STRENGTH_CHECK_TOO_LONG"
        );
        let many = vec!["'a'"; MAX_PATTERNS + 1].join(",");
        assert_eq!(
            StrengthCheck::parse(&many).unwrap_err().code(),
            "STRENGTH_CHECK_TOO_MANY"
        );
        let huge = "'((a{100}){100}){100}'";
        assert_eq!(
            StrengthCheck::parse(huge).unwrap_err().code(),
            "STRENGTH_CHECK_PATTERN"
        );
    }

    #[test]
    fn search_semantics() {
        let c = StrengthCheck::parse("'[0-9]', '^[a-z]'").unwrap();
        assert!(c.is_match("abc1"));
        assert!(!c.is_match("1abc"));
        assert_eq!(c.failures("Xyz"), vec![0, 1]);
    }

    #[test]
    fn property_classes_are_found_in_the_syntax_tree() {
        for class in [
            r"\p{L}",
            r"\PL",
            r"x[\p{Lu}0-9]",
            r"(?i)\p{Greek}+",
            r"[[:alpha:]\P{N}]",
        ] {
            assert!(uses_unicode_class(class), "{class}");
        }
        // Perl classes, case folding, an escaped backslash and bad syntax are not property classes.
        for plain in [r"\d\w\s", r"(?i)straße", r"\\p{L}", r"[a-z]", r"\p{"] {
            assert!(!uses_unicode_class(plain), "{plain}");
        }
    }

    /// Without `unicode-classes` (`cargo test -p passforge --no-default-features`) a
    /// property class is refused with its own code; with it, it matches as before.
    #[test]
    fn property_classes_follow_the_unicode_classes_feature() {
        let result = StrengthCheck::parse(r"'^\d', '\p{Lu}'");
        if cfg!(feature = "unicode-classes") {
            let check = result.unwrap();
            assert!(check.is_match("1Ä") && !check.is_match("1ä"));
        } else {
            let e = result.unwrap_err();
            assert_eq!(e.code(), "STRENGTH_CHECK_CLASS_UNAVAILABLE");
            assert!(e.to_string().starts_with(r"pattern 2 '\p{Lu}'"), "{e}");
            // What stays without the tables: Perl classes and case folding.
            let check = StrengthCheck::parse(r"'^\w+$', '(?i)^ÄPFEL$'").unwrap();
            assert!(check.is_match("äpfel") && !check.is_match("apfel"));
        }
    }
}
