//! `passforge policy resolve-pso` through the real binary.

mod common;

use common::{assert_usage_error, passforge, stdout};

/// A PSO file in the temp directory, removed on drop.
struct PsoFile(std::path::PathBuf);

impl PsoFile {
    fn new(name: &str, text: &str) -> Self {
        // Tests run in parallel and some reuse a name: a counter keeps the files apart.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "passforge-pso-{}-{n}-{name}.toml",
            std::process::id()
        ));
        std::fs::write(&path, text).expect("write PSO file");
        Self(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().expect("utf-8 path")
    }
}

impl Drop for PsoFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn pso(name: &str, precedence: u32, link: &str, guid: &str, min: u32) -> String {
    format!(
        "[[pso]]\nname = \"{name}\"\nprecedence = {precedence}\nlink = \"{link}\"\n\
         object_guid = \"{guid}\"\n[pso.attributes]\n\"msDS-MinimumPasswordLength\" = \"{min}\"\n"
    )
}

const LOW: &str = "00000000000000000000000000000001";
const HIGH: &str = "ff000000000000000000000000000000";

fn winner(name: &str, text: &str) -> serde_json::Value {
    let file = PsoFile::new(name, text);
    let o = passforge(&["policy", "resolve-pso", file.path(), "--json"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("json")
}

#[test]
fn direct_beats_group_then_precedence_then_guid() {
    let v = winner(
        "direct",
        &(pso("group", 1, "group", LOW, 15) + &pso("direct", 99, "direct", HIGH, 8)),
    );
    assert_eq!(
        (v["name"].as_str(), v["index"].as_u64()),
        (Some("direct"), Some(1))
    );
    assert_eq!(v["ad"]["minPwdLength"], 8);
    let v = winner(
        "precedence",
        &(pso("a", 20, "group", LOW, 15) + &pso("b", 10, "group", HIGH, 12)),
    );
    assert_eq!(v["name"], "b");
    let v = winner(
        "guid",
        &(pso("high", 5, "group", HIGH, 15) + &pso("low", 5, "group", LOW, 12)),
    );
    assert_eq!(v["name"], "low");
}

#[test]
fn no_pso_means_the_domain_policy() {
    let v = winner("none", "");
    assert!(v["name"].is_null() && v["index"].is_null() && v["ad"].is_null());
    let file = PsoFile::new("none-plain", "");
    let o = passforge(&["policy", "resolve-pso", file.path()]);
    assert!(stdout(&o).contains("domain policy is in force"));
}

#[test]
fn bad_files_are_usage_errors() {
    let bad_guid = PsoFile::new("guid", &pso("x", 1, "direct", "xyz", 8));
    assert_usage_error(&passforge(&["policy", "resolve-pso", bad_guid.path()]));
    let bad_link = PsoFile::new("link", &pso("x", 1, "cousin", LOW, 8));
    assert_usage_error(&passforge(&["policy", "resolve-pso", bad_link.path()]));
    // Unknown attributes are ignored (an LDAP entry carries many); bad values are not.
    let bad_attr = PsoFile::new(
        "attr",
        &pso("x", 1, "direct", LOW, 8).replace("\"8\"", "\"eight\""),
    );
    assert_usage_error(&passforge(&["policy", "resolve-pso", bad_attr.path()]));
    assert_usage_error(&passforge(&[
        "policy",
        "resolve-pso",
        "/nonexistent/psos.toml",
    ]));
}

#[test]
fn json_output_is_a_valid_input_again() {
    let text = pso("group", 1, "group", LOW, 15) + &pso("direct", 99, "direct", HIGH, 8);
    let first = winner("roundtrip", &text);
    assert_eq!(first["pso"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        first["pso"][0],
        serde_json::json!({
            "name": "direct",
            "precedence": 99,
            "link": "direct",
            "object_guid": HIGH,
            "attributes": {"msDS-MinimumPasswordLength": "8"},
        })
    );
    // Fed back (as a .json file): the same winner and policy, now at index 0.
    let saved = common::TempFile::named(".json", first.to_string().as_bytes(), 0o644);
    let o = passforge(&["policy", "resolve-pso", saved.path(), "--json"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let again: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(again["pso"], first["pso"]);
    assert_eq!(again["ad"], first["ad"]);
    assert_eq!(
        (again["name"].as_str(), again["index"].as_u64()),
        (Some("direct"), Some(0))
    );
    // No PSO: an empty list, also a valid input.
    let none = winner("roundtrip-none", "");
    assert_eq!(none["pso"], serde_json::json!([]));
    let saved = common::TempFile::named(".json", none.to_string().as_bytes(), 0o644);
    let o = passforge(&["policy", "resolve-pso", saved.path()]);
    assert!(
        stdout(&o).contains("domain policy is in force"),
        "{}",
        common::stderr(&o)
    );
    // A .json file with an unknown key is refused like a TOML one.
    let bad = common::TempFile::named(".json", br#"{"pso": [], "psos": []}"#, 0o644);
    let o = passforge(&["policy", "resolve-pso", bad.path()]);
    assert_usage_error(&o);
    assert!(
        common::stderr(&o).contains("psos"),
        "{}",
        common::stderr(&o)
    );
}

#[test]
fn help_documents_the_input_format() {
    let help = stdout(&passforge(&["policy", "resolve-pso", "--help"]));
    for key in [
        "name",
        "precedence",
        "link",
        "object_guid",
        "attributes",
        "[[pso]]",
        ".json",
    ] {
        assert!(help.contains(key), "--help does not mention {key}: {help}");
    }
}
