//! Reading password-rules text into its properties, with the reference parser's grammar
//! (`tools/PasswordRulesParser.js` of apple/password-manager-resources): whitespace,
//! identifiers, custom classes and their `-` and `]` rules, integers. Where that parser
//! logs an error and drops the property (or everything after it), this one returns the
//! error.

use crate::policy::password_rules::charset::{
    bit, is_ascii_printable, DIGIT, IDENTIFIERS, LOWER, SPECIAL, UPPER,
};
use crate::policy::password_rules::error::{Found, PasswordRulesError};

/// One value of a `required` or `allowed` list, as the reference parser keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ClassValue {
    /// `unicode` (`true`) or `ascii-printable` (`false`) by name: when a list is merged, the
    /// first of these wins over everything else in it.
    Whole { unicode: bool },
    /// Any other class: its ASCII printable characters.
    Bits(u128),
}

/// One property with a value. An empty value (`minlength: ;`) and a number 0 are not
/// here: the reference parser ignores them, and so does this one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Property {
    Required(Vec<ClassValue>),
    Allowed(Vec<ClassValue>),
    MinLength(u32),
    MaxLength(u32),
    MaxConsecutive(u32),
}

/// The properties of `text`, in order.
pub(super) fn properties(text: &str) -> Result<Vec<Property>, PasswordRulesError> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        pos: 0,
    };
    parser.rules()
}

/// The whitespace the language skips (the reference's `_isASCIIWhitespace`).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{c}' | '\n' | '\r' | '\t')
}

/// A character of a property name or class identifier.
fn is_identifier(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '-'
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    /// 1-based line and column (in characters) of `pos`.
    fn place(&self, pos: usize) -> (usize, usize) {
        let before = &self.chars[..pos.min(self.chars.len())];
        let line = before.iter().filter(|&&c| c == '\n').count() + 1;
        let column = before.iter().rev().take_while(|&&c| c != '\n').count() + 1;
        (line, column)
    }

    fn syntax(&self, expected: &'static str) -> PasswordRulesError {
        let (line, column) = self.place(self.pos);
        PasswordRulesError::Syntax {
            line,
            column,
            expected,
            found: self.peek().map_or(Found::End, Found::Char),
        }
    }

    fn identifier(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(is_identifier) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn rules(&mut self) -> Result<Vec<Property>, PasswordRulesError> {
        let mut out = Vec::new();
        self.skip_space();
        while self.peek().is_some() {
            if !self.peek().is_some_and(is_identifier) {
                return Err(self.syntax(
                    "a property (minlength, maxlength, required, allowed, max-consecutive)",
                ));
            }
            if let Some(property) = self.property()? {
                out.push(property);
            }
            // Every value ends at the end of the text or at its `;`.
            self.skip_space();
            if self.peek() == Some(';') {
                self.pos += 1;
                self.skip_space();
            }
        }
        Ok(out)
    }

    fn property(&mut self) -> Result<Option<Property>, PasswordRulesError> {
        let start = self.pos;
        let name = self.identifier();
        let known = match name.as_str() {
            "minlength" => "minlength",
            "maxlength" => "maxlength",
            "required" => "required",
            "allowed" => "allowed",
            "max-consecutive" => "max-consecutive",
            _ => {
                let (line, column) = self.place(start);
                return Err(PasswordRulesError::UnknownProperty { line, column, name });
            }
        };
        if self.peek() != Some(':') {
            return Err(self.syntax("':' right after the property name"));
        }
        self.pos += 1;
        self.skip_space();
        if matches!(self.peek(), None | Some(';')) {
            return Ok(None); // an empty value: ignored
        }
        Ok(match known {
            "required" => Some(Property::Required(self.classes()?)),
            "allowed" => Some(Property::Allowed(self.classes()?)),
            property => {
                let n = self.number(property)?;
                // A 0 is ignored, as the reference parser ignores it.
                let property = match property {
                    "minlength" => Property::MinLength(n),
                    "maxlength" => Property::MaxLength(n),
                    _ => Property::MaxConsecutive(n),
                };
                (n > 0).then_some(property)
            }
        })
    }

    /// A whole number directly followed by `;` or the end.
    fn number(&mut self, property: &'static str) -> Result<u32, PasswordRulesError> {
        let start = self.pos;
        let error = |parser: &Self, pos: usize, problem| {
            let (line, column) = parser.place(pos);
            PasswordRulesError::Number {
                line,
                column,
                property,
                problem,
            }
        };
        if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
            return Err(error(self, start, "expected a whole number"));
        }
        let mut value: u64 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            value = (value * 10 + u64::from(d)).min(u64::from(u32::MAX) + 1);
            self.pos += 1;
        }
        if !matches!(self.peek(), None | Some(';')) {
            return Err(error(
                self,
                self.pos,
                "expected ';' right after the number (the language allows no space before it)",
            ));
        }
        u32::try_from(value).map_err(|_| error(self, start, "the number is above 4294967295"))
    }

    /// A comma-separated list of classes, ending at `;` or the end.
    fn classes(&mut self) -> Result<Vec<ClassValue>, PasswordRulesError> {
        let mut values = Vec::new();
        loop {
            match self.peek() {
                Some(c) if is_identifier(c) => values.push(self.named()?),
                Some('[') => values.push(ClassValue::Bits(self.custom()?)),
                _ => {
                    return Err(self.syntax(
                        "a character class (upper, lower, digit, special, ascii-printable, \
                         unicode) or a custom class [...]",
                    ))
                }
            }
            self.skip_space();
            match self.peek() {
                None | Some(';') => return Ok(values),
                Some(',') => {
                    self.pos += 1;
                    self.skip_space();
                }
                Some(_) => return Err(self.syntax("',' or ';' after a character class")),
            }
        }
    }

    fn named(&mut self) -> Result<ClassValue, PasswordRulesError> {
        let start = self.pos;
        let name = self.identifier();
        let lower = name.to_ascii_lowercase();
        Ok(match IDENTIFIERS.iter().position(|&i| i == lower) {
            Some(0) => ClassValue::Bits(UPPER),
            Some(1) => ClassValue::Bits(LOWER),
            Some(2) => ClassValue::Bits(DIGIT),
            Some(3) => ClassValue::Bits(SPECIAL),
            Some(4) => ClassValue::Whole { unicode: false },
            Some(_) => ClassValue::Whole { unicode: true },
            None => {
                let (line, column) = self.place(start);
                return Err(PasswordRulesError::UnknownClass { line, column, name });
            }
        })
    }

    /// `[...]`: ASCII printable characters (others skipped, as the spec says), `-` only
    /// first, `]` only last. The first `]` ends the class, unless another `]` follows it:
    /// then it is a character and the second one ends the class (`[ab]]`, `[]]`).
    fn custom(&mut self) -> Result<u128, PasswordRulesError> {
        let open = self.pos;
        self.pos += 1;
        let first = self.pos;
        let mut bits = 0u128;
        let mut bracket = None;
        while let Some(c) = self.peek() {
            if !is_ascii_printable(c) {
                self.pos += 1;
                continue;
            }
            if c == '-' && self.pos > first {
                let (line, column) = self.place(self.pos);
                return Err(PasswordRulesError::ClassDash { line, column });
            }
            self.pos += 1;
            if c == ']' {
                bracket = Some(self.pos - 1);
                break;
            }
            bits |= bit(c);
        }
        let Some(mut bracket) = bracket else {
            let (line, column) = self.place(open);
            return Err(PasswordRulesError::ClassUnterminated { line, column });
        };
        if self.peek() == Some(']') {
            bits |= bit(']');
            bracket = self.pos;
            self.pos += 1;
        }
        if let Some(next) = self.peek() {
            if !(is_space(next) || next == ',' || next == ';') {
                // `[ab]c]` or `[ab]]]`: a `]` stood before the end of the class.
                let at = if next == ']' { self.pos } else { bracket };
                let (line, column) = self.place(at);
                return Err(PasswordRulesError::ClassBracket { line, column });
            }
        }
        if bits == 0 {
            let (line, column) = self.place(open);
            return Err(PasswordRulesError::ClassEmpty { line, column });
        }
        Ok(bits)
    }
}
