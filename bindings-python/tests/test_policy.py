"""Password policies: reading them, validation results, history callbacks, generation
for a policy, settings checks, the NIST lint, and the new exceptions."""

from __future__ import annotations

import json
import pickle
from datetime import timedelta
from pathlib import Path
from typing import Callable

import pytest

import passforge

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("policy-*.toml"))

TOML = """
min_length = 12
min_digits = 1
blocklist = true
max_repeat = 3
forbid_username = true
strength_check = "'^.{12,}$', '[0-9]'"
forbidden_patterns = ["(?i)passw(o|0)rd"]
"""


def codes(result: passforge.ValidationResult) -> list[str]:
    return [v.code for v in result.violations]


# --- Reading policies -------------------------------------------------------------------


def test_toml_json_dict_and_keywords_agree() -> None:
    from_toml = passforge.Policy.from_toml(TOML)
    spec = from_toml.spec
    policies = [
        from_toml,
        passforge.Policy.from_json(json.dumps(spec)),
        passforge.Policy.from_dict(spec),
        passforge.Policy(
            min_length=12, min_digits=1, blocklist=True, max_repeat=3, forbid_username=True,
            strength_check="'^.{12,}$', '[0-9]'", forbidden_patterns=["(?i)passw(o|0)rd"],
        ),
    ]
    assert all(p.spec == spec for p in policies)
    for p in policies:
        assert codes(p.validate("Password1", username="jsmith")) == [
            "TOO_SHORT", "STRENGTH_CHECK_FAILED", "FORBIDDEN_PATTERN", "IN_BLOCKLIST",
        ]
        assert codes(p.validate("aaaa-jsmith-2024")) == ["REPEATED_CHARACTERS"]
        assert codes(p.validate("aaa-jsmith-2024", username="jsmith")) == [
            "CONTAINS_ACCOUNT_NAME",
        ]


def test_empty_policy() -> None:
    p = passforge.Policy()
    assert p.validate("x")
    assert p.min_length == 0 and p.max_length is None and p.history == 0
    assert p.length_unit == "code_points" and p.character_classes == "unicode"
    assert not p.has_blocklist and not p.must_change_after_reset
    assert p.spec == passforge.Policy.from_toml("").spec == passforge.Policy.from_dict({}).spec


def test_from_dict_accepts_any_mapping() -> None:
    from types import MappingProxyType

    p = passforge.Policy.from_dict(MappingProxyType({"min_length": 9}))
    assert p.min_length == 9


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_example_loads(path: Path) -> None:
    p = passforge.Policy.from_toml(path.read_text(encoding="utf-8"))
    # Round trip through the spec, and generation for it complies.
    again = passforge.Policy.from_dict(p.spec)
    assert again.spec == p.spec and repr(again) == repr(p)
    g = passforge.Generator(policy=p, username="jsmith", display_name="John Smith")
    for pw in g.generate_many(20, seed_for_tests=1):
        assert p.validate(pw, username="jsmith", display_name="John Smith"), pw


def test_examples_exist() -> None:
    assert {p.name for p in EXAMPLE_FILES} >= {
        "policy-ad.toml", "policy-nist.toml", "policy-ppolicy.toml",
    }


def test_example_ad_policy() -> None:
    p = passforge.Policy.from_toml((EXAMPLES / "policy-ad.toml").read_text())
    assert (p.min_length, p.max_length, p.length_unit) == (10, 256, "utf16")
    assert p.character_classes == "active_directory"
    assert p.min_categories == 3 and p.history == 24 and p.has_blocklist
    assert p.ages.max_age == timedelta(days=42)
    assert p.ages.min_age == timedelta(days=1)
    assert p.ages.expire_warning is None
    assert p.lockout.threshold == 5
    assert p.lockout.duration == timedelta(minutes=30)
    assert p.lockout.observation_window == timedelta(minutes=30)
    assert "max_age=datetime.timedelta(days=42)" in repr(p.ages)


def test_example_nist_policy_lints_clean() -> None:
    p = passforge.Policy.from_toml((EXAMPLES / "policy-nist.toml").read_text())
    assert p.lint() == []
    assert passforge.lint(p, mfa=True) == []


def test_example_ppolicy() -> None:
    p = passforge.Policy.from_toml((EXAMPLES / "policy-ppolicy.toml").read_text())
    assert (p.min_length, p.max_length, p.length_unit) == (12, 128, "utf8_bytes")
    assert p.must_change_after_reset
    assert p.ages.max_age == timedelta(days=90)
    assert p.ages.expire_warning == timedelta(days=7)
    assert codes(p.validate("acme-Passw0rd-2024")) == ["FORBIDDEN_PATTERN", "CONTAINS_WORD"]


def test_ad_attributes() -> None:
    p = passforge.Policy.from_ad_attributes({
        "cn": "Default Domain Policy",
        "minPwdLength": "10",
        "pwdProperties": "1",
        "maxPwdAge": "-36288000000000",
        "lockoutThreshold": "5",
    })
    assert (p.min_length, p.max_length, p.min_categories) == (10, 256, 3)
    assert p.ages.max_age == timedelta(days=42)
    assert p.lockout.threshold == 5
    assert p.spec["ad"]["minPwdLength"] == 10
    result = p.validate("Ann-Marie2024!", username="amoneil", display_name="Ann-Marie O'Neil")
    assert codes(result) == ["CONTAINS_DISPLAY_NAME", "CONTAINS_DISPLAY_NAME"]
    assert [v.token for v in result.violations] == ["ann", "marie"]
    # A PSO's names; a later attribute overrides an earlier one, in mapping order.
    pso = passforge.Policy.from_ad_attributes({
        "msDS-MinimumPasswordLength": "14",
        "msDS-PasswordComplexityEnabled": "FALSE",
    })
    assert (pso.min_length, pso.min_categories) == (14, 0)
    with pytest.raises(passforge.PolicyError) as info:
        passforge.Policy.from_ad_attributes({"minPwdLength": "ten"})
    assert info.value.code == "POLICY_INVALID_ATTRIBUTE"
    with pytest.raises(TypeError):
        passforge.Policy.from_ad_attributes({"minPwdLength": 10})  # type: ignore[dict-item]


def test_ppolicy_attributes() -> None:
    p = passforge.Policy.from_ppolicy_attributes({
        "pwdMinLength": "12", "pwdCheckQuality": "2", "pwdInHistory": "5",
        "pwdMustChange": "TRUE", "pwdMaxAge": "7776000",
    })
    assert (p.min_length, p.length_unit, p.history) == (12, "utf8_bytes", 5)
    assert p.must_change_after_reset
    assert p.ages.max_age == timedelta(days=90)
    # Lengths are bytes: 6 umlauts are 12.
    assert p.validate("äöüäöü")
    assert codes(p.validate("äöüäö")) == ["TOO_SHORT"]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: passforge.Policy(min_length=20, max_length=10), "POLICY_LENGTH_RANGE"),
        (lambda: passforge.Policy(min_categories=6), "POLICY_CATEGORIES"),
        (lambda: passforge.Policy(max_repeat=0), "POLICY_OUT_OF_RANGE"),
        (lambda: passforge.Policy(strength_check="'a"), "POLICY_STRENGTH_CHECK"),
        (lambda: passforge.Policy(forbidden_patterns=["(?=a)"]), "POLICY_FORBIDDEN_PATTERN"),
        (lambda: passforge.Policy(ad={}, ppolicy={}), "POLICY_CONFLICTING_DIRECTORIES"),
        (lambda: passforge.Policy.from_dict({"min_lenght": 8}), "POLICY_SYNTAX"),
        (lambda: passforge.Policy(min_length="8"), "POLICY_SYNTAX"),  # type: ignore[arg-type]
        (lambda: passforge.Policy(min_length=-1), "POLICY_SYNTAX"),
        (lambda: passforge.Policy(length_unit="bytes"), "POLICY_SYNTAX"),  # type: ignore[arg-type]
        (lambda: passforge.Policy.from_toml("min_length = 8\nmin_length = 9\n"), "POLICY_SYNTAX"),
        (lambda: passforge.Policy.from_json("[1]"), "POLICY_SYNTAX"),
    ],
)
def test_policy_errors(make: object, code: str) -> None:
    assert callable(make)
    with pytest.raises(passforge.PolicyError) as info:
        make()
    e = info.value
    assert type(e) is passforge.PolicyError
    assert isinstance(e, passforge.PassforgeError) and isinstance(e, ValueError)
    assert e.code == code
    assert str(e) == e.message


def test_syntax_errors_name_the_key_and_line() -> None:
    with pytest.raises(passforge.PolicyError) as info:
        passforge.Policy.from_toml("min_length = 12\nmin_lenght = 8\n")
    assert "line 2" in str(info.value) and "min_lenght" in str(info.value)
    with pytest.raises(passforge.PolicyError) as info:
        passforge.Policy.from_dict({"min_lenght": 8})
    # The location would be in json.dumps' output, which the caller never saw.
    assert "min_lenght" in str(info.value) and "column" not in str(info.value)
    with pytest.raises(TypeError):
        passforge.Policy.from_dict({"min_length": object()})
    # A wrong value names its key and what the key wants, as text names the line.
    wrong: list[tuple[Callable[[], object], str]] = [
        (lambda: passforge.Policy.from_dict({"min_length": 8, "blocklist": "yes"}),
         ": blocklist: invalid type: string \"yes\", expected a boolean"),
        (lambda: passforge.Policy(min_length=-1),
         ": min_length: invalid value: integer `-1`, expected a whole number from 0 to 4294967295"),
        (lambda: passforge.Policy(forbidden_patterns=["acme", 3]),  # type: ignore[list-item]
         ": forbidden_patterns[1]: invalid type: integer `3`"),
        (lambda: passforge.Policy.from_dict({"ad": {"minPwdLength": "8"}}), ": ad.minPwdLength: "),
        (lambda: passforge.Policy.from_dict({"ad": {"minPwdLenght": 8}}),
         ": ad: unknown field `minPwdLenght`"),
    ]
    for make, named in wrong:
        with pytest.raises(passforge.PolicyError) as info:
            make()
        assert info.value.code == "POLICY_SYNTAX"
        assert named in str(info.value), str(info.value)
        assert "line" not in str(info.value)
    with pytest.raises(TypeError):
        passforge.Policy.from_dict([("min_length", 1)])  # type: ignore[arg-type]


# --- Validation results -----------------------------------------------------------------


def test_violation_attributes() -> None:
    p = passforge.Policy(min_length=12, min_digits=1, blocklist=True)
    result = p.validate("password")
    assert not result and result.ok is False
    assert codes(result) == ["TOO_SHORT", "INSUFFICIENT_DIGITS", "IN_BLOCKLIST"]
    short, digits, blocked = result.violations
    assert (short.required, short.actual, short.unit) == (12, 8, "code_points")
    assert short.params == {"required": 12, "actual": 8, "unit": "code_points"}
    assert list(short.params) == ["required", "actual", "unit"]
    assert type(short.required) is int and type(short.unit) is str
    assert short.message == str(short) == "must be at least 12 characters long (it is 8)"
    assert short.to_dict() == {
        "code": "TOO_SHORT", "message": short.message,
        "required": 12, "actual": 8, "unit": "code_points",
    }
    assert repr(short) == "Violation('TOO_SHORT', required=12, actual=8, unit='code_points')"
    assert (digits.required, digits.actual) == (1, 0)
    assert blocked.source == "common"
    with pytest.raises(AttributeError, match="no parameter 'maximum'"):
        short.maximum  # noqa: B018
    assert not hasattr(short, "maximum")
    assert short == p.validate("password").violations[0]
    assert short != digits
    assert repr(result) == (
        "<passforge.ValidationResult ok=False codes=['TOO_SHORT', "
        "'INSUFFICIENT_DIGITS', 'IN_BLOCKLIST']>"
    )
    ok = p.validate("correct horse 9 battery")
    assert ok and ok.ok and ok.violations == []
    assert p.is_compliant("correct horse 9 battery")
    assert not p.is_compliant("password")


def test_violation_without_parameters() -> None:
    (v,) = passforge.Policy(no_symbol_at_ends=True).validate("!abc").violations
    assert v.code == "SYMBOL_AT_END" and v.params == {}


def test_context_rules() -> None:
    p = passforge.Policy(forbid_username=True, forbid_display_name=True, forbid_email=True)
    result = p.validate(
        "jsmith-John-j.smith-x", username="jsmith", display_name="John Smith",
        email="j.smith@example.com",
    )
    assert [(v.code, v.token) for v in result.violations] == [
        ("CONTAINS_ACCOUNT_NAME", "jsmith"),
        ("CONTAINS_DISPLAY_NAME", "john"),
        ("CONTAINS_DISPLAY_NAME", "smith"),
        ("CONTAINS_EMAIL", "j.smith"),
    ]
    assert p.validate("jsmith-John-j.smith-x")


def test_operator_blocklist() -> None:
    p = passforge.Policy(min_length=8)
    assert not p.has_blocklist
    q = p.with_blocklist("# ours\nCorrectHorse\n\nacme2024\n")
    assert q.has_blocklist and not p.has_blocklist
    (v,) = q.validate("correcthorse").violations
    assert (v.code, v.source) == ("IN_BLOCKLIST", "operator")
    assert p.validate("correcthorse")
    # The shipped list is reported first.
    both = passforge.Policy(blocklist=True).with_blocklist("password\n")
    assert both.validate("password").violations[0].source == "common"


def test_min_score() -> None:
    p = passforge.Policy(min_score=3)
    (v,) = p.validate("password1").violations
    assert (v.code, v.required) == ("TOO_WEAK", 3)
    assert isinstance(v.actual, int) and v.actual < 3
    assert p.validate("correct horse battery staple 9!")
    with pytest.raises(passforge.PolicyError) as info:
        passforge.Policy(min_score=5)
    assert info.value.code == "POLICY_OUT_OF_RANGE"


def test_free_functions() -> None:
    assert passforge.display_name_tokens("Ann-Marie O'Neil") == ["ann", "marie", "o'neil"]
    assert passforge.display_name_tokens("Jo Li") == []
    assert passforge.is_common_password("PassWord")
    assert not passforge.is_common_password("q7#Vx!2pLm@9")
    assert passforge.common_password_count() == 30000


# --- History ----------------------------------------------------------------------------


class ListHistory:
    def __init__(self, *passwords: str) -> None:
        self.passwords = passwords
        self.calls: list[tuple[str, int]] = []

    def contains(self, password: str, depth: int) -> bool:
        self.calls.append((password, depth))
        return password in self.passwords[: depth + 1]


def test_history_callback() -> None:
    p = passforge.Policy(history=2)
    h = ListHistory("current-pw", "old-1", "old-2", "old-3")
    for pw in ("current-pw", "old-1", "old-2"):
        (v,) = p.validate(pw, history=h).violations
        assert (v.code, v.depth) == ("IN_HISTORY", 2)
    assert p.validate("old-3", history=h)
    assert h.calls[-1] == ("old-3", 2)
    assert p.validate("current-pw")  # without a history, not checked
    # A policy without history never asks.
    quiet = ListHistory("x")
    assert passforge.Policy().validate("x", history=quiet) and quiet.calls == []


def test_history_truthiness_and_exceptions() -> None:
    p = passforge.Policy(history=1)

    class Truthy:
        def contains(self, password: str, depth: int) -> bool:
            return [1]  # type: ignore[return-value]

    assert codes(p.validate("x", history=Truthy())) == ["IN_HISTORY"]

    class Failing:
        def contains(self, password: str, depth: int) -> bool:
            raise ConnectionError("directory unreachable")

    with pytest.raises(ConnectionError, match="directory unreachable"):
        p.validate("x", history=Failing())

    class NoMethod:
        pass

    with pytest.raises(AttributeError):
        p.validate("x", history=NoMethod())  # type: ignore[arg-type]


# --- Generation for a policy ------------------------------------------------------------


CONTEXT_POLICY = passforge.Policy.from_toml("""
min_length = 14
min_upper = 1
min_digits = 2
min_categories = 3
max_repeat = 2
sequence_length = 3
forbid_username = true
forbid_display_name = true
forbidden_words = ["acme"]
blocklist = true
no_symbol_at_ends = true
""")


def test_policy_generator_outputs_always_validate() -> None:
    user, name, email = "jsm", "Jo Smith", "jo@example.com"
    g = passforge.Generator(
        policy=CONTEXT_POLICY, username=user, display_name=name, email=email,
    )
    passwords = g.generate_many(300)
    assert len(set(passwords)) == 300
    for pw in passwords + g.generate_many(100, seed_for_tests=11) + [g.generate()]:
        assert CONTEXT_POLICY.validate(pw, username=user, display_name=name, email=email), pw
    assert g.length == 14 and g.policy is not None
    assert g.policy.spec == CONTEXT_POLICY.spec


def test_policy_generator_matches_rust() -> None:
    # Frozen outputs of the Rust core's PolicyGenerator::generate_many_with(
    # DeterministicRng::from_seed_for_tests(seed), &context, n), taken from
    # `passforge generate --policy FILE --seed N --count n ...` with the same policy.
    g = passforge.Generator(policy=CONTEXT_POLICY, username="jsm", display_name="Jo Smith")
    expected = [
        "qT38;qC3/hsO-P", "BYms6v-|b1H.LG", 'X3AW=0"&0GU:.t', "aqxpaerNq3B'6D",
        "pD3|HBP<cF9H)U",
    ]
    assert g.generate_many(5, seed_for_tests=7) == expected
    assert g.generate(seed_for_tests=7) == expected[0]
    checked = passforge.Generator(policy=CONTEXT_POLICY, length=16, symbols=0)
    assert checked.generate_many(3, seed_for_tests=7) == [
        'o~M9xndy%Qpz;6"4', "80nBwU4.rwk(X9w0", "cRZE<i72/h=odk<k",
    ]
    ad = passforge.Policy.from_toml((EXAMPLES / "policy-ad.toml").read_text())
    g = passforge.Generator(policy=ad, username="amoneil", display_name="Ann-Marie O'Neil")
    assert g.generate_many(3, seed_for_tests=3) == ["520S.z!2uc", "|dciWU%%1)", "SbX*8F9n]*"]


def test_derived_settings_are_the_policy_generator_settings() -> None:
    p = passforge.Policy(min_length=15, min_categories=3, min_digits=2)
    settings = p.generator_settings()
    assert settings == {
        "length": 15, "lower": 1, "upper": 1, "digits": 2, "symbols": 0,
        "lower_set": None, "upper_set": None, "digit_set": None, "symbol_set": None,
        "exclude": "", "avoid_ambiguous": False, "strength_check": None,
    }
    derived = passforge.Generator(policy=p)
    explicit = passforge.Generator(**settings)
    assert derived.entropy_bits == explicit.entropy_bits
    assert derived.password_count == explicit.password_count
    p.check_generator(explicit)
    p.check_generator(derived)
    # Derived settings leave out what the policy does not allow.
    q = passforge.Policy(min_symbols=1, forbidden_characters="\"'")
    assert q.generator_settings()["exclude"] == "\"'"


def test_settings_error_lists_every_reason() -> None:
    p = passforge.Policy(min_length=16, min_upper=3, min_categories=4)
    with pytest.raises(passforge.SettingsError) as info:
        passforge.Generator(policy=p, length=8, lower=8, upper=0, digits=0, symbols=0)
    e = info.value
    assert isinstance(e, passforge.ConfigError) and isinstance(e, ValueError)
    assert e.code == "SETTINGS_BELOW_POLICY"
    assert [r.code for r in e.reasons] == [
        "GENERATOR_LENGTH_BELOW_MINIMUM",
        "GENERATOR_CLASS_BELOW_MINIMUM",
        "GENERATOR_CATEGORIES_BELOW_MINIMUM",
    ]
    code, message = e.reasons[0]
    assert message == "generator length 8 is below the policy minimum of 16 characters"
    assert isinstance(e.reasons[0], passforge.SettingsShortfall)
    assert all(r.message in str(e) for r in e.reasons)
    # The same check on an existing generator.
    with pytest.raises(passforge.SettingsError) as again:
        p.check_generator(passforge.Generator(length=8, lower=8, upper=0, digits=0, symbols=0))
    assert again.value.reasons == e.reasons


def test_settings_error_for_characters_and_derivation() -> None:
    p = passforge.Policy(allowed_characters="abcdefghij0123456789")
    with pytest.raises(passforge.SettingsError) as info:
        passforge.Generator(policy=p, avoid_ambiguous=True)
    assert "GENERATOR_CHARACTER_NOT_ALLOWED" in [r.code for r in info.value.reasons]
    # No generator produces 2000 characters.
    with pytest.raises(passforge.SettingsError) as info:
        passforge.Policy(min_length=2000).generator_settings()
    assert [r.code for r in info.value.reasons] == ["GENERATOR_LENGTH_ABOVE_LIMIT"]


def test_policy_unmet() -> None:
    # Every 4-character password from "ab" repeats a character 2 times in a row or
    # alternates "abab", which the forbidden pattern refuses.
    p = passforge.Policy(
        allowed_characters="ab", max_repeat=1, forbidden_patterns=["abab|baba"],
    )
    g = passforge.Generator(
        policy=p, length=4, lower=0, upper=0, digits=0, symbols=0,
        lower_set="ab", upper_set="", digit_set="", symbol_set="",
    )
    with pytest.raises(passforge.PolicyUnmetError) as info:
        g.generate(seed_for_tests=1)
    e = info.value
    assert isinstance(e, passforge.GenerationError)
    assert e.code == "POLICY_UNMET" and e.attempts >= 64
    assert {code for code, _ in e.rejections} == {"REPEATED_CHARACTERS", "FORBIDDEN_PATTERN"}
    assert sum(n for _, n in e.rejections) >= e.attempts
    back = pickle.loads(pickle.dumps(e))
    assert (back.attempts, back.rejections, str(back)) == (e.attempts, e.rejections, str(e))


def test_context_needs_a_policy() -> None:
    # The core's rule and code (was a TypeError made by the binding).
    with pytest.raises(passforge.ConfigError) as info:
        passforge.Generator(username="jsmith")
    assert type(info.value) is passforge.ConfigError
    assert info.value.code == "CONTEXT_WITHOUT_POLICY" and "policy" in str(info.value)
    assert passforge.Generator().policy is None


def test_generator_repr_shows_the_policy_not_the_user() -> None:
    g = passforge.Generator(policy=CONTEXT_POLICY, username="jsm", email="jo@example.com")
    r = repr(g)
    assert r.startswith("<passforge.Generator length=14 ")
    assert "policy=<passforge.Policy min_length=14 " in r
    assert "jsm" not in r and "example.com" not in r
    assert repr(CONTEXT_POLICY) == (
        "<passforge.Policy min_length=14 max_length=None length_unit='code_points' "
        "min_categories=3 history=0 has_blocklist=True>"
    )


# --- Lint -------------------------------------------------------------------------------


def test_lint_findings() -> None:
    p = passforge.Policy(min_length=8, max_length=20, min_digits=1)
    findings = passforge.lint(p)
    assert [f.code for f in findings] == [
        "MIN_LENGTH_TOO_SHORT", "MAX_LENGTH_TOO_SHORT", "COMPOSITION_RULES",
        "NO_BLOCKLIST", "NO_RATE_LIMIT",
    ]
    assert [f.severity for f in findings] == ["error", "warning", "warning", "error", "info"]
    assert all(isinstance(f.message, str) and f.message for f in findings)
    assert findings == p.lint()
    assert "MIN_LENGTH_TOO_SHORT" not in [f.code for f in p.lint(mfa=True)]
    assert repr(findings[0]) == "Finding('MIN_LENGTH_TOO_SHORT', 'error')"


# --- Exceptions -------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_policy_errors_pickle(protocol: int) -> None:
    errors: list[passforge.PassforgeError] = []
    for make in (
        lambda: passforge.Policy(min_length=20, max_length=10),
        lambda: passforge.Policy.from_toml("nope = 1"),
        lambda: passforge.Generator(policy=passforge.Policy(min_length=30), length=8),
    ):
        with pytest.raises(passforge.PassforgeError) as info:
            make()
        errors.append(info.value)
    for e in errors:
        back = pickle.loads(pickle.dumps(e, protocol=protocol))
        assert type(back) is type(e)
        assert (back.code, str(back), back.args) == (e.code, str(e), e.args)
    settings = errors[-1]
    assert isinstance(settings, passforge.SettingsError)
    back = pickle.loads(pickle.dumps(settings, protocol=protocol))
    assert isinstance(back, passforge.SettingsError)
    assert back.reasons == settings.reasons and back.reasons
    assert all(type(r) is passforge.SettingsShortfall for r in back.reasons)


def test_new_errors_can_be_raised_from_python() -> None:
    e = passforge.SettingsError("bad", "SETTINGS_BELOW_POLICY", [("X", "why")])
    assert e.reasons == [passforge.SettingsShortfall("X", "why")]
    assert passforge.SettingsError("bad", "SETTINGS_BELOW_POLICY").reasons == []
    u = passforge.PolicyUnmetError("none", "POLICY_UNMET", 64, [("IN_BLOCKLIST", 64)])
    assert (u.attempts, u.rejections) == (64, [("IN_BLOCKLIST", 64)])
    assert passforge.PolicyError("bad", "POLICY_SYNTAX").code == "POLICY_SYNTAX"


def test_policy_classes_are_immutable() -> None:
    p = passforge.Policy()
    with pytest.raises(AttributeError):
        p.min_length = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        class Sub(passforge.Policy):  # type: ignore[misc]
            pass
