//! Environment overrides: `PASSFORGE_<SECTION>__<KEY>=value` sets `key` of `[section]`;
//! for the arrays of tables, `PASSFORGE_CLIENTS__<index>__<KEY>` and
//! `PASSFORGE_DIRECTORIES__<index>__<KEY>` (index from 0, an existing entry). Names are
//! case-insensitive; a value is read as a TOML value (`true`, `8080`, `["a", "b"]`) and
//! otherwise taken as a string. Only variables with `__` after the prefix are read, so
//! other `PASSFORGE_*` variables are left alone.

use toml::{Table, Value};

use super::problem::Problems;

const PREFIX: &str = "PASSFORGE_";

/// Applies every override of `vars` to `table`.
pub fn apply_overrides(
    table: &mut Table,
    vars: impl IntoIterator<Item = (String, String)>,
    problems: &mut Problems,
) {
    let mut vars: Vec<_> = vars
        .into_iter()
        .filter(|(name, _)| name.starts_with(PREFIX) && name[PREFIX.len()..].contains("__"))
        .collect();
    vars.sort();
    for (name, raw) in vars {
        let path: Vec<String> = name[PREFIX.len()..]
            .split("__")
            .map(str::to_ascii_lowercase)
            .collect();
        if let Err(message) = set(table, &path, parse_value(&raw)) {
            problems.error(format!("environment variable {name}: {message}"));
        }
    }
}

fn parse_value(raw: &str) -> Value {
    toml::from_str::<Table>(&format!("v = {raw}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| Value::String(raw.to_owned()))
}

fn set(table: &mut Table, path: &[String], value: Value) -> Result<(), String> {
    match path {
        [section, key] => {
            if section == "clients" || section == "directories" {
                return Err(format!(
                    "[[{section}]] is a list: name an entry, e.g. PASSFORGE_{}__0__{}",
                    section.to_ascii_uppercase(),
                    key.to_ascii_uppercase()
                ));
            }
            let entry = table
                .entry(section.clone())
                .or_insert_with(|| Value::Table(Table::new()));
            let Value::Table(section_table) = entry else {
                return Err(format!("{section} is not a section"));
            };
            section_table.insert(key.clone(), value);
            Ok(())
        }
        [section, index, key] if section == "clients" || section == "directories" => {
            let index: usize = index
                .parse()
                .map_err(|_| format!("'{index}' is not an index into [[{section}]]"))?;
            let Some(Value::Array(items)) = table.get_mut(section) else {
                return Err(format!("the file has no [[{section}]] entry {index}"));
            };
            let Some(Value::Table(item)) = items.get_mut(index) else {
                return Err(format!("the file has no [[{section}]] entry {index}"));
            };
            item.insert(key.clone(), value);
            Ok(())
        }
        _ => Err("expected PASSFORGE_<SECTION>__<KEY> or PASSFORGE_<LIST>__<INDEX>__<KEY>".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn overrides_keys_of_sections_and_list_entries() {
        let mut table: Table = toml::from_str("[[clients]]\nname = \"a\"\n").unwrap();
        let mut problems = Problems::default();
        apply_overrides(
            &mut table,
            vars(&[
                ("PASSFORGE_SERVER__LISTEN", "127.0.0.1:9000"),
                ("PASSFORGE_SERVER__INSECURE_HTTP", "true"),
                ("PASSFORGE_CLIENTS__0__PERIOD", "60"),
                ("PASSFORGE_GROUPS__ALLOWED", "[\"staff\", \"ops\"]"),
                ("PASSFORGE_UNRELATED", "x"),
            ]),
            &mut problems,
        );
        assert!(problems.all().is_empty(), "{problems}");
        assert_eq!(table["server"]["listen"].as_str(), Some("127.0.0.1:9000"));
        assert_eq!(table["server"]["insecure_http"].as_bool(), Some(true));
        assert_eq!(table["clients"][0]["period"].as_integer(), Some(60));
        assert_eq!(table["groups"]["allowed"][1].as_str(), Some("ops"));
    }

    #[test]
    fn a_missing_list_entry_or_a_bad_shape_is_reported() {
        let mut table = Table::new();
        let mut problems = Problems::default();
        apply_overrides(
            &mut table,
            vars(&[
                ("PASSFORGE_CLIENTS__3__PERIOD", "60"),
                ("PASSFORGE_CLIENTS__PERIOD", "60"),
                ("PASSFORGE_A__B__C__D", "1"),
            ]),
            &mut problems,
        );
        let text = problems.to_string();
        assert_eq!(problems.all().len(), 3, "{text}");
        assert!(text.contains("no [[clients]] entry 3"), "{text}");
        assert!(text.contains("PASSFORGE_CLIENTS__0__PERIOD"), "{text}");
    }
}
