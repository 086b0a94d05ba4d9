//! clap's usage errors, folded into the one `error:` line the exit-status contract
//! promises: the missing or unknown argument named, and clap's "did you mean" kept.

use clap::error::{ContextKind, ContextValue};

/// The message of `e` on one line, without the `error: ` prefix.
///
/// clap renders a headline, then indented details (the missing arguments, one per line)
/// and tips, then the usage; the usage is left to `--help`.
pub fn one_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let mut lines = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty());
    let headline = lines.next().unwrap_or("invalid usage");
    let mut message = headline
        .strip_prefix("error: ")
        .unwrap_or(headline)
        .to_owned();
    let mut details = Vec::new();
    let mut tips = Vec::new();
    for line in lines {
        match line.strip_prefix("tip: ") {
            Some(tip) => tips.push(tip.to_owned()),
            None => details.push(line),
        }
    }
    if !details.is_empty() {
        let joined = details.join(", ");
        if message.ends_with(':') {
            message = format!("{message} {joined}");
        } else {
            message = format!("{message}: {joined}");
        }
    }
    // The suggestion from the error's context reads better than clap's tip wording.
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(format!("'{s}'")),
        Some(ContextValue::Strings(list)) if !list.is_empty() => Some(
            list.iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(" or "),
        ),
        _ => None,
    });
    if let Some(suggestion) = suggestion {
        tips.retain(|t| !t.starts_with("a similar ") && !t.starts_with("some similar "));
        message = format!("{message}; did you mean {suggestion}?");
    }
    for tip in tips {
        message = format!("{message}; {tip}");
    }
    message
}
