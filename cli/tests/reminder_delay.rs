//! `passforge reminder-delay` through the real binary.

mod common;

use common::{assert_usage_error, passforge, stdout};

#[test]
fn delays_are_in_range_and_vary() {
    let delays: Vec<f64> = (0..20)
        .map(|_| {
            let o = passforge(&["reminder-delay", "--max-delay", "5"]);
            assert!(o.status.success());
            stdout(&o).trim().parse().expect("seconds")
        })
        .collect();
    assert!(delays.iter().all(|d| (0.0..5.0).contains(d)), "{delays:?}");
    assert!(delays.windows(2).any(|w| w[0] != w[1]), "{delays:?}");
    let o = passforge(&["reminder-delay"]);
    let d: f64 = stdout(&o).trim().parse().expect("seconds");
    assert!((0.0..60.0).contains(&d), "default maximum 60 s");
}

#[test]
fn a_maximum_of_600_seconds_or_more_is_refused() {
    assert_usage_error(&passforge(&["reminder-delay", "--max-delay", "600"]));
    assert_usage_error(&passforge(&["reminder-delay", "--max-delay", "-1"]));
}
