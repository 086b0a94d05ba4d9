"""Immutable values: pickle (by settings, through the public constructors), copy and
deepcopy, == and hash; a Generator sent to multiprocessing workers."""

from __future__ import annotations

import copy
import multiprocessing
import pickle
from operator import methodcaller
from pathlib import Path

import pytest

import passforge

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

AD = {"minPwdLength": "10", "pwdProperties": "1", "pwdHistoryLength": "24"}


def round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value))


def generators() -> list[passforge.Generator]:
    policy = passforge.Policy(min_length=14, min_digits=2, forbid_username=True)
    return [
        passforge.Generator(),
        passforge.Generator(
            length=20, lower=2, symbols=0, symbol_set="", exclude="0O",
            strength_check="'[0-9].*[0-9]'",
        ),
        passforge.Generator(avoid_ambiguous=True, digit_set="2345"),
        # Settings derived from the policy, and settings checked against it.
        passforge.Generator(policy=policy, username="jdoe", email="j@example.com"),
        passforge.Generator(policy=policy, length=16, digits=3),
        passforge.Generator(policy=passforge.Policy.from_ad_attributes(AD)),
        passforge.Generator(
            policy=passforge.Policy.from_toml((EXAMPLES / "policy-ppolicy.toml").read_text())
        ),
    ]


@pytest.mark.parametrize("g", generators(), ids=repr)
def test_generator_pickles_by_settings(g: passforge.Generator) -> None:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(g, protocol=protocol))
        assert type(back) is passforge.Generator and back is not g
        assert back == g and hash(back) == hash(g)
        assert repr(back) == repr(g)
        assert back.policy == g.policy
        # The same settings, policy and context: the same seeded passwords.
        assert back.generate_many(5, seed_for_tests=9) == g.generate_many(5, seed_for_tests=9)
    assert copy.copy(g) is g and copy.deepcopy(g) is g


def test_generator_equality() -> None:
    assert passforge.Generator(length=16) == passforge.Generator(length=16)
    assert passforge.Generator(length=16) != passforge.Generator(length=17)
    assert len({passforge.Generator(), passforge.Generator(length=12)}) == 1
    policy = passforge.Policy(min_length=12, forbid_username=True)
    assert passforge.Generator(policy=policy, username="a") != passforge.Generator(
        policy=policy, username="b"
    )
    assert passforge.Generator() != "Generator"  # type: ignore[comparison-overlap]


def test_policy_equality_and_hash() -> None:
    a = passforge.Policy(min_length=12, min_digits=1, blocklist=True)
    b = passforge.Policy.from_toml("min_length = 12\nmin_digits = 1\nblocklist = true\n")
    c = passforge.Policy.from_dict({"min_length": 12, "min_digits": 1, "blocklist": True})
    assert a == b == c and hash(a) == hash(b) == hash(c)
    assert a != passforge.Policy(min_length=13, min_digits=1, blocklist=True)
    assert len({a, b, c, passforge.Policy()}) == 2
    assert a != a.spec  # type: ignore[comparison-overlap]


@pytest.mark.parametrize(
    "policy",
    [
        passforge.Policy(),
        passforge.Policy(min_length=12, min_digits=1, blocklist=True, history=5,
                         forbidden_patterns=["(?i)acme"], strength_check="'[0-9]'"),
        passforge.Policy.from_ad_attributes(AD),
        *[passforge.Policy.from_toml(p.read_text()) for p in sorted(EXAMPLES.glob("policy-*.toml"))],
    ],
    ids=repr,
)
def test_policy_pickles_by_spec(policy: passforge.Policy) -> None:
    back = round_trip(policy)
    assert isinstance(back, passforge.Policy) and back is not policy
    assert back == policy and hash(back) == hash(policy)
    assert back.spec == policy.spec and repr(back) == repr(policy)
    assert copy.copy(policy) is policy and copy.deepcopy(policy) is policy


def test_operator_blocklist_refuses_to_pickle() -> None:
    base = passforge.Policy(min_length=8, blocklist=True)
    listed = base.with_blocklist("acme2024\n")
    with pytest.raises(TypeError, match="operator blocklist"):
        pickle.dumps(listed)
    with pytest.raises(TypeError, match="operator blocklist"):
        pickle.dumps(passforge.Generator(policy=listed))
    # Only itself: the core cannot compare the lists.
    assert listed == listed and listed != base
    assert listed != base.with_blocklist("acme2024\n")
    assert hash(listed) == hash(base)
    # Immutable, so copies are the same object and keep the list.
    assert copy.deepcopy(listed) is listed
    assert not copy.deepcopy(listed).validate("ACME2024")
    generator = passforge.Generator(policy=listed)
    assert generator == generator and generator != passforge.Generator(policy=listed)
    assert generator.policy is not None and generator.policy.has_blocklist
    with pytest.raises(TypeError, match="operator blocklist"):
        pickle.dumps(generator.policy)


def test_strength_check() -> None:
    check = passforge.StrengthCheck("'[0-9]', 'it''s'")
    back = round_trip(check)
    assert isinstance(back, passforge.StrengthCheck)
    assert back == check and hash(back) == hash(check)
    assert back.patterns == check.patterns == ["[0-9]", "it's"]
    assert check != passforge.StrengthCheck("'[0-9]'")
    assert check == passforge.StrengthCheck("'[0-9]','it''s'")
    assert copy.deepcopy(check) is check


def test_validation_results() -> None:
    policy = passforge.Policy(min_length=12, min_digits=1)
    bad, good = policy.validate("short"), policy.validate("long enough 12")
    assert bad == policy.validate("shart") and hash(bad) == hash(policy.validate("shart"))
    assert bad != policy.validate("short!")
    assert bad != good and good == policy.validate("another one 3")
    assert bad.violations[0] == policy.validate("short").violations[0]
    assert len({*bad.violations, *policy.validate("short").violations}) == 2
    for value in (bad, bad.violations[0], policy.lint()[0]):
        assert copy.copy(value) is value and copy.deepcopy(value) is value
        assert hash(value) == hash(copy.deepcopy(value))
    # No core constructor to rebuild a finding from: refused, with what to send.
    with pytest.raises(TypeError, match="cannot pickle a passforge"):
        pickle.dumps(policy.lint()[0])
    ages, lockout = policy.ages, policy.lockout
    assert hash(ages) == hash(policy.ages) and hash(lockout) == hash(policy.lockout)
    assert copy.deepcopy(ages) is ages


def test_multiprocessing_pool_generates_with_a_pickled_generator() -> None:
    policy = passforge.Policy(min_length=16, min_digits=2, forbid_username=True)
    plain = passforge.Generator(length=20)
    with_policy = passforge.Generator(policy=policy, username="jdoe")
    # spawn: the workers get the generators only through pickle.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        batches = pool.map(methodcaller("generate_many", 50), [plain, with_policy] * 2)
        seeded = pool.map(methodcaller("generate", seed_for_tests=5), [with_policy])
    assert [len(b) for b in batches] == [50] * 4
    assert all(len(p) == 20 for p in batches[0] + batches[2])
    assert all(policy.is_compliant(p, username="jdoe") for p in batches[1] + batches[3])
    assert seeded == [with_policy.generate(seed_for_tests=5)]


def results() -> list[passforge.ValidationResult]:
    """Results of real validations: compliant, and with violations of every parameter
    shape (counts, units, text, the blocklist source, history)."""
    policy = passforge.Policy(
        min_length=12, max_length=64, min_digits=1, min_upper=1, min_symbols=1,
        min_categories=4, max_repeat=2, sequence_length=4, forbidden_characters="~",
        no_symbol_at_ends=True, strength_check="'[0-9]{2}'", forbidden_patterns=["(?i)acme"],
        forbid_username=True, forbid_display_name=True, forbid_email=True,
        forbidden_words=["winter"], blocklist=True, history=3,
    )
    ad = passforge.Policy.from_ad_attributes(AD)

    class History:
        def contains(self, password: str, depth: int) -> bool:
            return True

    return [
        policy.validate("Correct-Horse-Battery-42"),
        policy.validate("password"),
        policy.validate("!acme~jdoe-john-winter-aaaa-1234!", username="jdoe",
                        display_name="John Doe", email="jdoe@example.com"),
        policy.validate("x" * 65),
        policy.validate("Correct-Horse-Battery-42", history=History()),
        ad.validate("short"),
        policy.with_blocklist("Correct-Horse-Battery-42\n").validate("Correct-Horse-Battery-42"),
    ]


def test_validation_results_pickle() -> None:
    all_results = results()
    codes = {v.code for r in all_results for v in r.violations}
    assert len(codes) >= 15, codes
    assert all_results[0] and not any(all_results[1:])
    for result in all_results:
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(result, protocol=protocol))
            assert type(back) is passforge.ValidationResult and back is not result
            assert back == result and hash(back) == hash(result)
            assert bool(back) == bool(result) and back.ok == result.ok
            assert repr(back) == repr(result)
            assert [v.to_dict() for v in back.violations] == [
                v.to_dict() for v in result.violations
            ]
        for v in result.violations:
            assert round_trip(v) == v and hash(round_trip(v)) == hash(v)
            assert passforge.Violation(**v.to_dict()) == v  # type: ignore[arg-type]
            assert passforge.Violation(v.code, **v.params) == v
        assert copy.deepcopy(result) == result
        assert passforge.ValidationResult(result.violations) == result
    assert passforge.ValidationResult() == all_results[0] and passforge.ValidationResult()


@pytest.mark.parametrize(
    ("code", "params", "named"),
    [
        ("NOPE", {}, "unknown violation code"),
        ("IN_HISTORY", {}, "needs the parameter `depth`"),
        ("IN_HISTORY", {"depth": 3, "count": 1}, "has no parameter `count`"),
        ("IN_HISTORY", {"depth": -1}, "depth"),
        ("IN_HISTORY", {"depth": 2**64}, "depth"),
        ("TOO_WEAK", {"required": 5, "actual": 0}, "0 to 4"),
        ("IN_BLOCKLIST", {"source": "mine"}, "operator"),
        ("TOO_SHORT", {"required": 1, "actual": 0, "unit": "bytes"}, "bytes"),
    ],
)
def test_a_malformed_violation_is_refused(code: str, params: dict[str, object], named: str) -> None:
    with pytest.raises(passforge.PolicyError) as info:
        passforge.Violation(code, **params)  # type: ignore[arg-type]
    assert info.value.code == "INVALID_ARGUMENT"
    assert named in str(info.value), str(info.value)


def test_violation_arguments_of_the_wrong_type() -> None:
    with pytest.raises(TypeError):
        passforge.Violation("IN_HISTORY", depth=object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        passforge.ValidationResult(["TOO_SHORT"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        passforge.ValidationResult("TOO_SHORT")  # type: ignore[arg-type]


def test_multiprocessing_pool_returns_validation_results() -> None:
    policy = passforge.Policy(min_length=12, min_digits=1, blocklist=True, max_repeat=2)
    passwords = ["password", "a-long-one-without", "Correct-Horse-42", "aaaa-aaaa-aaaa-1"]
    expected = [policy.validate(p) for p in passwords]
    # spawn: the policy (a bound method's self) goes to the workers and the results come
    # back only through pickle.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        got = pool.map(policy.validate, passwords)
        echoed = pool.map(copy.copy, results())
    assert got == expected
    assert [type(r) for r in got] == [passforge.ValidationResult] * len(passwords)
    assert [r.ok for r in got] == [False, False, True, False]
    assert echoed == results()
