//! Fine-grained password policies: `PsoCandidates::parse` on arbitrary TOML and JSON
//! text and on documents written from arbitrary candidates, `resolve`, and
//! `parse_object_guid`.
//!
//! Properties: errors are typed (`POLICY_SYNTAX` for the document, `PSO_CANDIDATE`
//! naming the first malformed candidate); a parsed document survives JSON and TOML; a
//! document written from candidates parses back to them; the winner is the first
//! candidate of the lowest (link, precedence, objectGUID) rank, agrees with
//! `resolve_pso`, and a resolution fed back resolves to the same PSO; `parse_object_guid`
//! accepts exactly 32 hex digits and reads them as bytes. Every input answers within the
//! time bound.
#![no_main]

use std::collections::BTreeMap;
use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use passforge::{
    parse_object_guid, resolve_pso, PolicyFormat, PsoCandidate, PsoCandidateSpec, PsoCandidates,
    PsoLink,
};

/// The time bound for the core's work on one input (parsing the document and resolving
/// it); a slower input is a finding. The harness's own round trips (four more
/// serialisations and parses of the same text) are not counted: a 64 KiB document of
/// 1 638 candidates takes about 300 ms with them in this build, under 100 ms without.
const BOUND: Duration = Duration::from_millis(250);

#[derive(Arbitrary, Debug)]
enum Case {
    /// A document as text (the seeds' shape): odd `json` byte JSON, else TOML.
    Text { json: u8, text: String },
    /// Candidates written out by the harness, then parsed.
    Written { json: bool, candidates: Vec<Spec> },
    Guid {
        text: String,
        bytes: [u8; 16],
        upper: bool,
    },
}

#[derive(Arbitrary, Debug)]
struct Spec {
    name: Option<String>,
    precedence: u32,
    direct: bool,
    guid: Option<Guid>,
    attributes: Vec<(Attribute, String)>,
}

#[derive(Arbitrary, Debug)]
enum Guid {
    Bytes([u8; 16], bool),
    Text(String),
}

#[derive(Arbitrary, Debug)]
enum Attribute {
    Known(u8),
    Other(String),
}

const ATTRIBUTES: &[&str] = &[
    "msDS-MinimumPasswordLength",
    "msDS-PasswordComplexityEnabled",
    "msDS-PasswordHistoryLength",
    "msDS-MaximumPasswordAge",
    "msDS-MinimumPasswordAge",
    "msDS-LockoutThreshold",
    "msDS-LockoutDuration",
    "msDS-LockoutObservationWindow",
    "msDS-PasswordReversibleEncryptionEnabled",
    "cn",
];

fn hex(bytes: &[u8; 16], upper: bool) -> String {
    bytes
        .iter()
        .map(|b| {
            if upper {
                format!("{b:02X}")
            } else {
                format!("{b:02x}")
            }
        })
        .collect()
}

impl Spec {
    fn spec(&self) -> PsoCandidateSpec {
        PsoCandidateSpec {
            name: self.name.clone(),
            precedence: self.precedence,
            link: if self.direct {
                PsoLink::Direct
            } else {
                PsoLink::Group
            },
            object_guid: self.guid.as_ref().map(|g| match g {
                Guid::Bytes(b, upper) => hex(b, *upper),
                Guid::Text(t) => t.clone(),
            }),
            attributes: self
                .attributes
                .iter()
                .take(16)
                .map(|(a, v)| {
                    let name = match a {
                        Attribute::Known(i) => {
                            ATTRIBUTES[usize::from(*i) % ATTRIBUTES.len()].to_owned()
                        }
                        Attribute::Other(s) => s.clone(),
                    };
                    (name, v.clone())
                })
                .collect::<BTreeMap<_, _>>(),
        }
    }
}

fn format(json: bool) -> PolicyFormat {
    if json {
        PolicyFormat::Json
    } else {
        PolicyFormat::Toml
    }
}

mod bound;

/// Panics when the core takes longer than BOUND over `work` (twice).
fn timed<T>(work: impl FnMut() -> T) -> T {
    bound::within(|_| BOUND, work)
}

fuzz_target!(|case: Case| {
    match case {
        Case::Text { json, text } => {
            let doc = timed(|| {
                let doc = parse(&text, format(json % 2 == 1));
                if let Some(doc) = &doc {
                    let _ = doc.resolve();
                }
                doc
            });
            if let Some(doc) = doc {
                check_document(&doc);
            }
        }
        Case::Written { json, candidates } => {
            let specs: Vec<PsoCandidateSpec> = candidates.iter().take(64).map(Spec::spec).collect();
            let doc = PsoCandidates::new(specs.clone());
            let text = if json {
                serde_json::to_string(&doc).expect("candidates serialize to JSON")
            } else {
                match toml::to_string(&doc) {
                    Ok(text) => text,
                    Err(_) => return,
                }
            };
            let parsed = timed(|| PsoCandidates::parse(&text, format(json)))
                .unwrap_or_else(|e| panic!("written candidates do not parse: {e}\n{text}"));
            assert_eq!(parsed.pso, specs, "{text}");
            check_document(&parsed);
        }
        Case::Guid { text, bytes, upper } => timed(|| check_guid(&text, &bytes, upper)),
    }
});

fn parse(text: &str, format: PolicyFormat) -> Option<PsoCandidates> {
    match PsoCandidates::parse(text, format) {
        Ok(doc) => Some(doc),
        Err(e) => {
            assert_eq!(e.code(), "POLICY_SYNTAX", "{e}");
            assert!(!e.to_string().is_empty());
            None
        }
    }
}

fn rank(c: &PsoCandidate) -> (bool, u32, [u8; 16]) {
    (c.link == PsoLink::Group, c.precedence, c.object_guid)
}

fn check_document(doc: &PsoCandidates) {
    // The document survives both formats.
    let json = serde_json::to_string(doc).expect("a document serializes to JSON");
    let again = PsoCandidates::parse(&json, PolicyFormat::Json)
        .unwrap_or_else(|e| panic!("JSON round trip refused: {e}\n{json}"));
    assert_eq!(again.pso, doc.pso, "JSON round trip");
    if let Ok(text) = toml::to_string(doc) {
        let again = PsoCandidates::parse(&text, PolicyFormat::Toml)
            .unwrap_or_else(|e| panic!("TOML round trip refused: {e}\n{text}"));
        assert_eq!(again.pso, doc.pso, "TOML round trip");
    }

    let each: Vec<_> = doc
        .pso
        .iter()
        .enumerate()
        .map(|(i, s)| s.to_candidate(i))
        .collect();
    match doc.resolve() {
        Ok(resolution) => {
            let candidates: Vec<PsoCandidate> = each
                .into_iter()
                .map(|c| c.expect("resolve succeeded, so every candidate is well formed"))
                .collect();
            assert_eq!(resolution.index, resolve_pso(&candidates));
            let Some(winner) = resolution.index else {
                assert!(doc.pso.is_empty());
                assert!(resolution.pso.is_empty() && resolution.ad.is_none());
                assert!(resolution.name.is_none());
                return;
            };
            assert_eq!(resolution.pso, [doc.pso[winner].clone()]);
            assert_eq!(resolution.name, doc.pso[winner].name);
            assert_eq!(resolution.ad.as_ref(), Some(&candidates[winner].policy));
            for (j, c) in candidates.iter().enumerate() {
                if j < winner {
                    assert!(
                        rank(c) > rank(&candidates[winner]),
                        "the first minimum wins"
                    );
                } else {
                    assert!(rank(c) >= rank(&candidates[winner]));
                }
            }
            // Documented: a resolution fed back resolves to the same PSO.
            let fed = serde_json::to_string(&resolution).expect("a resolution serializes");
            let back = PsoCandidates::parse(&fed, PolicyFormat::Json)
                .unwrap_or_else(|e| panic!("a resolution does not parse back: {e}\n{fed}"))
                .resolve()
                .expect("the winner is well formed");
            assert_eq!(back.index, Some(0));
            assert_eq!(back.pso, resolution.pso);
            assert_eq!(back.ad, resolution.ad);
        }
        Err(e) => {
            assert_eq!(e.code(), "PSO_CANDIDATE");
            let i = e.index();
            assert!(i < doc.pso.len());
            assert!(
                each[..i].iter().all(Result::is_ok),
                "not the first malformed one"
            );
            assert_eq!(each[i].as_ref().err(), Some(&e));
            assert!(e.to_string().starts_with(&format!("PSO candidate {i}: ")));
        }
    }
}

fn check_guid(text: &str, bytes: &[u8; 16], upper: bool) {
    let is_hex = text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit());
    match parse_object_guid(text) {
        Some(parsed) => {
            assert!(is_hex, "{text:?}");
            assert_eq!(hex(&parsed, false), text.to_ascii_lowercase());
        }
        None => assert!(!is_hex, "{text:?} refused"),
    }
    assert_eq!(parse_object_guid(&hex(bytes, upper)), Some(*bytes));
}
