"""Password rules in Python: reading and its errors, the policy they become, a policy
written as rules, generators for rules; the corpus runner covers the cases of every
runtime (test_vectors_password_rules.py)."""

from __future__ import annotations

import copy
import pickle

import pytest

import passforge

EXAMPLE = (
    "minlength: 20; maxlength: 64; required: lower; required: upper; required: digit; "
    "required: [-().&@?'#,/\"+]; allowed: ascii-printable; max-consecutive: 2;"
)


def test_rules_read_as_the_reference_parser_reads_them() -> None:
    rules = passforge.PasswordRules("required: upper, digit; minlength: 8; minlength: 12")
    assert (rules.min_length, rules.max_length, rules.max_consecutive) == (12, None, None)
    (group,) = rules.required
    assert str(group) == "upper, digit"
    assert "7" in group and "a" not in group and "ab" not in group
    assert not group.is_unicode and group.ascii_chars.startswith("0123456789ABC")
    assert str(rules) == "minlength: 12; required: upper, digit;"
    assert rules.allowed == group
    assert repr(rules) == "passforge.PasswordRules('minlength: 12; required: upper, digit;')"
    assert passforge.PasswordRules("allowed: unicode").allowed.is_unicode


def test_errors_say_where_and_what() -> None:
    with pytest.raises(passforge.PasswordRulesError) as info:
        passforge.PasswordRules("minlength: 8;\n  required: [a-z]")
    e = info.value
    assert (e.code, e.line, e.column) == ("PASSWORD_RULES_CLASS_DASH", 2, 15)
    assert "[a-z] is not a range" in str(e)
    assert isinstance(e, passforge.PolicyError) and isinstance(e, ValueError)
    back = pickle.loads(pickle.dumps(e))
    assert (type(back), back.code, back.line, back.column) == (type(e), e.code, 2, 15)
    # Conflicting rules are a policy's error, without a place.
    with pytest.raises(passforge.PolicyError) as conflict:
        passforge.Policy.from_password_rules("minlength: 10; maxlength: 8")
    assert conflict.value.code == "POLICY_LENGTH_RANGE"
    assert not isinstance(conflict.value, passforge.PasswordRulesError)
    with pytest.raises(TypeError):
        passforge.PasswordRules(8)  # type: ignore[arg-type]


def test_rules_are_values() -> None:
    a = passforge.PasswordRules(EXAMPLE)
    b = passforge.PasswordRules(str(a))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != passforge.PasswordRules("minlength: 8")
    assert pickle.loads(pickle.dumps(a)) == a
    assert copy.copy(a) is a and copy.deepcopy(a) is a
    # A class or an export is read from rules; pickle the rules (or the policy) instead.
    for value in (a.allowed, passforge.Policy.from_password_rules(EXAMPLE).to_password_rules()):
        with pytest.raises(TypeError):
            pickle.dumps(value)


def test_a_policy_from_rules_enforces_them() -> None:
    policy = passforge.Policy.from_password_rules(EXAMPLE)
    assert policy.spec["required_characters"] == ["\"#&'()+,-./?@"]
    assert (policy.spec["min_lower"], policy.spec["max_repeat"]) == (1, 2)
    codes = [v.code for v in policy.validate("aaaBBB111---xyzXYZ12").violations]
    assert codes == ["REPEATED_CHARACTERS"]
    codes = [v.code for v in policy.validate("abcABC123xyzXYZ123ab").violations]
    assert codes == ["MISSING_REQUIRED_CHARACTER"]
    assert policy.validate("abcABC123xyzXYZ123a-").ok
    assert passforge.Policy(**policy.spec) == policy


def test_a_policy_written_as_rules_lists_what_it_leaves_out() -> None:
    policy = passforge.Policy(min_length=12, min_digits=2, forbid_username=True)
    written = policy.to_password_rules()
    assert str(written) == "minlength: 12; required: digit; allowed: unicode;"
    assert not written.is_exact
    got = [(u.key, u.effect) for u in written.unexpressed]
    assert got == [("min_digits", "looser"), ("min_digits", "stricter"),
                   ("forbid_username", "looser")]
    assert "written as one" in written.unexpressed[0].message
    assert written.rules == passforge.PasswordRules(str(written))
    assert "unexpressed=3" in repr(written)
    exact = passforge.Policy.from_password_rules(EXAMPLE).to_password_rules()
    assert exact.is_exact and exact.unexpressed == []


def test_generators_for_rules() -> None:
    g = passforge.Generator.from_password_rules(EXAMPLE)
    assert g.length == 20
    share, bits, exact = g.acceptance() or (0.0, 0.0, False)
    assert exact and 0.9 < share < 1.0 and bits < g.entropy_bits
    policy = g.policy
    assert policy is not None
    for p in g.generate_many(200, seed_for_tests=5):
        assert policy.is_compliant(p)
    longer = passforge.Generator.from_password_rules(
        passforge.PasswordRules(EXAMPLE), length=32, avoid_ambiguous=True, exclude="xyz"
    )
    for p in longer.generate_many(50, seed_for_tests=6):
        assert len(p) == 32 and not set(p) & set("0Oo1Il|xyz")
    assert passforge.Generator().acceptance() is None
    with pytest.raises(passforge.SettingsError) as info:
        passforge.Generator.from_password_rules(EXAMPLE, length=80)
    assert info.value.reasons[0].code == "GENERATOR_LENGTH_ABOVE_MAXIMUM"
    with pytest.raises(passforge.ConfigError) as rare:
        passforge.Generator.from_password_rules("minlength: 64; allowed: [ab]; max-consecutive: 1")
    assert rare.value.code == "POLICY_ACCEPTANCE_TOO_LOW"
    with pytest.raises(passforge.ConfigError) as negative:
        passforge.Generator.from_password_rules(EXAMPLE, length=-1)
    assert negative.value.code == "INVALID_ARGUMENT"
    with pytest.raises(TypeError):
        passforge.Generator.from_password_rules(EXAMPLE, lower=2)  # type: ignore[call-arg]
