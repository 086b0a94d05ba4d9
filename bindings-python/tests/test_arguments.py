"""Bad arguments: a passforge error (a ValueError with a code) for a value out of range,
TypeError for a value of the wrong type or an unknown keyword; never OverflowError."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import pytest

import passforge

COUNTS = ["length", "lower", "upper", "digits", "symbols"]


@pytest.mark.parametrize("name", COUNTS)
def test_negative_count_is_a_config_error(name: str) -> None:
    kwargs: dict[str, Any] = {name: -1}
    with pytest.raises(ValueError) as info:
        passforge.Generator(**kwargs)
    e = info.value
    assert type(e) is passforge.ConfigError
    assert e.code == "INVALID_ARGUMENT"
    assert name in str(e) and "-1" in str(e)


@pytest.mark.parametrize("name", COUNTS)
@pytest.mark.parametrize("value", [2**32, 2**64, 10**40])
def test_huge_count_is_length_too_large(name: str, value: int) -> None:
    kwargs: dict[str, Any] = {name: value}
    with pytest.raises(passforge.ConfigError) as info:
        passforge.Generator(**kwargs)
    # Read as the largest u32, which the core refuses with its own code and message.
    assert info.value.code == "LENGTH_TOO_LARGE"
    assert str(passforge.MAX_LENGTH) in str(info.value)
    # The same code as a count the core itself refuses.
    at_core: dict[str, Any] = {name: passforge.MAX_LENGTH + 1}
    with pytest.raises(passforge.ConfigError) as core:
        passforge.Generator(**at_core)
    assert core.value.code == "LENGTH_TOO_LARGE"


def test_negative_count_with_a_policy() -> None:
    with pytest.raises(passforge.ConfigError) as info:
        passforge.Generator(policy=passforge.Policy(min_length=8), length=-1)
    assert info.value.code == "INVALID_ARGUMENT"


@pytest.mark.parametrize("value", ["12", 12.0, 1.5, b"12", [12]])
def test_wrong_type_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError) as info:
        passforge.Generator(length=value)  # type: ignore[arg-type]
    assert "length" in str(info.value)
    with pytest.raises(TypeError):
        passforge.Generator().generate_many(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        passforge.Generator().generate(seed_for_tests=value)  # type: ignore[arg-type]


def test_none_still_means_not_given() -> None:
    assert passforge.Generator(length=None, lower=None) == passforge.Generator()


def test_misspelt_keywords_are_type_errors() -> None:
    with pytest.raises(TypeError):
        passforge.Generator(lenght=12)  # type: ignore[call-arg]
    with pytest.raises(TypeError) as info:
        passforge.Policy(min_lenght=8)  # type: ignore[call-arg]
    assert "min_lenght" in str(info.value)
    assert not isinstance(info.value, passforge.PassforgeError)
    # In a document the same key is a policy error.
    readers: list[Callable[[], object]] = [
        lambda: passforge.Policy.from_dict({"min_lenght": 8}),
        lambda: passforge.Policy.from_json('{"min_lenght": 8}'),
        lambda: passforge.Policy.from_toml("min_lenght = 8\n"),
    ]
    for read in readers:
        with pytest.raises(passforge.PolicyError) as policy_info:
            read()
        assert policy_info.value.code == "POLICY_SYNTAX"
    # Every key the core knows is a keyword.
    assert passforge.Policy(**passforge.Policy().spec) == passforge.Policy()


@pytest.mark.parametrize("seed", [-1, 2**64, -(2**70)])
def test_seed_out_of_range(seed: int) -> None:
    g = passforge.Generator()
    calls: list[Callable[[], object]] = [
        lambda: g.generate(seed_for_tests=seed),
        lambda: g.generate_many(2, seed_for_tests=seed),
    ]
    for call in calls:
        with pytest.raises(passforge.GenerationError) as info:
            call()
        assert info.value.code == "INVALID_ARGUMENT"


def test_batch_cap() -> None:
    cap = passforge.MAX_BATCH
    assert cap == 1_000_000
    plain = passforge.Generator()
    policy = passforge.Generator(policy=passforge.Policy(min_length=8))
    for g in (plain, policy):
        for n in (cap + 1, 10**9, 2**64, 10**40):
            with pytest.raises(passforge.GenerationError) as info:
                g.generate_many(n)
            assert info.value.code == "BATCH_TOO_LARGE"
            assert str(cap) in str(info.value)
        with pytest.raises(passforge.GenerationError) as info:
            g.generate_many(-1)
        assert info.value.code == "INVALID_ARGUMENT"
        assert g.generate_many(0) == []
    assert len(plain.generate_many(cap, seed_for_tests=1)) == cap


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS as Linux enforces it")
def test_huge_batch_raises_under_a_memory_limit() -> None:
    # Once this aborted the process ("memory allocation failed"); the cap is checked
    # before anything is allocated.
    code = """
import resource
resource.setrlimit(resource.RLIMIT_AS, (1 << 31, 1 << 31))
import passforge
try:
    passforge.Generator().generate_many(10**8)
except passforge.GenerationError as e:
    print(e.code)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "BATCH_TOO_LARGE"


# Every int parameter of the wheel, by "qualified name:parameter" as the stub spells it,
# and a call that passes `value` there (every other argument valid). The sweep below
# checks the table against the installed stub, so a new int parameter without an entry
# fails the test.
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)
OTC = passforge.OneTimeCodePolicy()
OTC_KEYS = ["digits", "lifetime_seconds", "max_sends", "send_window_seconds",
            "min_seconds_between_sends", "max_attempts"]
CALLS: dict[str, Callable[[Any], object]] = {
    "pin:length": lambda v: passforge.pin(v),
    "pin:seed_for_tests": lambda v: passforge.pin(seed_for_tests=v),
    "token_urlsafe:nbytes": lambda v: passforge.token_urlsafe(v),
    "token_urlsafe:seed_for_tests": lambda v: passforge.token_urlsafe(seed_for_tests=v),
    **{f"Generator.__new__:{k}": (lambda k: lambda v: passforge.Generator(**{k: v}))(k)
       for k in COUNTS},
    **{f"_GeneratorSettings:{k}": (lambda k: lambda v: passforge.generate(**{k: v}))(k)
       for k in COUNTS},
    "Generator.generate:seed_for_tests": lambda v: passforge.Generator().generate(seed_for_tests=v),
    "Generator.generate_many:n": lambda v: passforge.Generator().generate_many(v),
    "Generator.from_password_rules:length":
        lambda v: passforge.Generator.from_password_rules("minlength: 8", length=v),
    "PassphraseGenerator.__new__:words": lambda v: passforge.PassphraseGenerator(words=v),
    "PassphraseGenerator.generate:seed_for_tests":
        lambda v: passforge.PassphraseGenerator().generate(seed_for_tests=v),
    "PassphraseGenerator.generate_many:n":
        lambda v: passforge.PassphraseGenerator().generate_many(v),
    "PassphraseGenerator.generate_many:seed_for_tests":
        lambda v: passforge.PassphraseGenerator().generate_many(1, seed_for_tests=v),
    "Generator.generate_many:seed_for_tests":
        lambda v: passforge.Generator().generate_many(1, seed_for_tests=v),
    "timestamp_from_filetime:filetime": lambda v: passforge.timestamp_from_filetime(v),
    "duration_from_ad_interval:interval": lambda v: passforge.duration_from_ad_interval(v),
    "TimeTokenScheme.__new__:period_seconds": lambda v: passforge.TimeTokenScheme(period_seconds=v),
    "TimeTokenScheme.__new__:skew_windows": lambda v: passforge.TimeTokenScheme(skew_windows=v),
    "TimeTokenScheme.token_for_window:window":
        lambda v: passforge.TimeTokenScheme().token_for_window(b"secret", v),
    "RequestTokenScheme.__new__:period_seconds":
        lambda v: passforge.RequestTokenScheme(period_seconds=v),
    "RequestTokenScheme.__new__:skew_windows": lambda v: passforge.RequestTokenScheme(skew_windows=v),
    "MemoryReplayGuard.__new__:capacity": lambda v: passforge.MemoryReplayGuard(v),
    "ResetToken.issue:seed_for_tests": lambda v: passforge.ResetToken.issue(NOW, seed_for_tests=v),
    **{f"OneTimeCodePolicy.__new__:{k}": (lambda k: lambda v: passforge.OneTimeCodePolicy(**{k: v}))(k)
       for k in OTC_KEYS},
    "OneTimeCodePolicy.generate:seed_for_tests": lambda v: OTC.generate(seed_for_tests=v),
    "OneTimeCodePolicy.check:failed_attempts": lambda v: OTC.check("1234", NOW, v, "1234", NOW),
    **{f"SecurityAnswerHasher.__new__:{k}":
       (lambda k: lambda v: passforge.SecurityAnswerHasher(**{k: v}))(k)
       for k in ["memory_kib", "iterations", "parallelism"]},
    "SecurityAnswerHasher.hash:seed_for_tests":
        lambda v: passforge.SecurityAnswerHasher(memory_kib=8, iterations=1).hash("a", seed_for_tests=v),
    "SecurityQuestionRule.__new__:asked": lambda v: passforge.SecurityQuestionRule(asked=v),
    "SecurityQuestionRule.__new__:enrolled": lambda v: passforge.SecurityQuestionRule(enrolled=v),
    "PasswordLastSet.from_pwd_last_set:filetime": lambda v: passforge.PasswordLastSet.from_pwd_last_set(v),
    "MaxPasswordAge.from_days:days": lambda v: passforge.MaxPasswordAge.from_days(v),
    "MaxPasswordAge.from_ad_interval:interval": lambda v: passforge.MaxPasswordAge.from_ad_interval(v),
    "UserAccountControl.__new__:bits": lambda v: passforge.UserAccountControl(v),
    "Expiry.status:remind_days": lambda v: passforge.Expiry.at(NOW).status(NOW, v),
    "ReminderDelay.sample:seed_for_tests": lambda v: passforge.ReminderDelay().sample(seed_for_tests=v),
}
# The policy keywords (and the ad / ppolicy tables) are read as a document: POLICY_SYNTAX.
POLICY_TABLES = {"_PolicySpec": None, "_AdSpec": "ad", "_PpolicySpec": "ppolicy"}


def _policy_call(table: str | None, key: str) -> Callable[[Any], object]:
    if table is None:
        return lambda v: passforge.Policy(**{key: v})
    return lambda v: passforge.Policy.from_dict({table: {key: v}})


def stub_int_parameters() -> dict[str, str]:
    """Every parameter (or TypedDict key) the installed stub types as an int, by
    "qualname:name", with its annotation; user callbacks (Protocols) are left out."""
    stub = Path(passforge.__file__).with_name("_native.pyi")
    found: dict[str, str] = {}

    def is_int(annotation: ast.expr | None) -> bool:
        return annotation is not None and "int" in ast.unparse(annotation).split(" | ")

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(b) for b in node.bases}
                if "Protocol" in bases:
                    continue
                if "TypedDict" in bases:
                    for item in node.body:
                        if isinstance(item, ast.AnnAssign) and is_int(item.annotation):
                            assert isinstance(item.target, ast.Name)
                            found[f"{node.name}:{item.target.id}"] = ast.unparse(item.annotation)
                    continue
                walk(node.body, f"{node.name}.")
            elif isinstance(node, ast.FunctionDef):
                a = node.args
                for arg in a.posonlyargs + a.args + a.kwonlyargs:
                    if is_int(arg.annotation):
                        assert arg.annotation is not None
                        found[f"{prefix}{node.name}:{arg.arg}"] = ast.unparse(arg.annotation)

    walk(ast.parse(stub.read_text()).body, "")
    return found


def all_calls() -> dict[str, Callable[[Any], object]]:
    calls = dict(CALLS)
    for name in stub_int_parameters():
        typed_dict, _, key = name.partition(":")
        if typed_dict in POLICY_TABLES:
            calls[name] = _policy_call(POLICY_TABLES[typed_dict], key)
    return calls


def test_the_sweep_covers_every_int_parameter_of_the_stub() -> None:
    stub = set(stub_int_parameters())
    assert len(stub) >= 60, sorted(stub)
    assert set(all_calls()) == stub, (
        f"missing from CALLS: {sorted(stub - set(all_calls()))}; "
        f"not in the stub: {sorted(set(all_calls()) - stub)}"
    )


REGISTERED = {info.code for info in passforge.error_codes()}


@pytest.mark.parametrize("value", [-1, 2**64, -(2**63) - 1, 2**200, True])
@pytest.mark.parametrize("name", sorted(all_calls()))
def test_no_int_argument_raises_overflow_error(name: str, value: int) -> None:
    call = all_calls()[name]
    try:
        call(value)
    except OverflowError as e:  # the bug this guards against
        pytest.fail(f"{name}={value}: OverflowError {e}")
    except passforge.PassforgeError as e:
        assert isinstance(e, ValueError)
        assert e.code in REGISTERED, (name, e.code)
        if e.code == "INVALID_ARGUMENT":
            # The message names the argument and the value.
            assert name.rpartition(":")[2] in str(e) and str(value) in str(e), str(e)
    except TypeError:
        pass


@pytest.mark.parametrize("name", sorted(all_calls()))
def test_an_int_argument_of_another_type_is_a_type_error(name: str) -> None:
    # Read as a document, a policy's value of the wrong type is POLICY_SYNTAX instead.
    document = name.partition(":")[0] in POLICY_TABLES
    with pytest.raises(passforge.PolicyError if document else TypeError) as info:
        all_calls()[name]("3")
    if not document:
        assert name.rpartition(":")[2] in str(info.value), str(info.value)


@pytest.mark.parametrize(
    ("call", "cls"),
    [
        (lambda: passforge.TimeTokenScheme(period_seconds=-1), passforge.TokenError),
        (lambda: passforge.MemoryReplayGuard(2**64), passforge.TokenError),
        (lambda: passforge.OneTimeCodePolicy(digits=2**32), passforge.OneTimeCodeError),
        (lambda: passforge.SecurityQuestionRule(asked=-1), passforge.SecurityAnswerError),
        (lambda: passforge.Expiry.NEVER.status(NOW, -1), passforge.ExpiryError),
        (lambda: passforge.timestamp_from_filetime(2**63), passforge.TimeError),
        (lambda: passforge.ResetToken.issue(NOW, seed_for_tests=-1), passforge.ResetTokenError),
        (lambda: passforge.token_urlsafe(-1), passforge.GenerationError),
        (lambda: passforge.pin(-1), passforge.ConfigError),
    ],
)
def test_out_of_range_is_invalid_argument_of_the_calls_class(
    call: Callable[[], object], cls: type[passforge.PassforgeError]
) -> None:
    with pytest.raises(cls) as info:
        call()
    assert info.value.code == "INVALID_ARGUMENT"
    assert "it must be an int from" in str(info.value)


def test_digest_bytes_are_bytes_of_length_32() -> None:
    digest = passforge.ResetTokenDigest.of("t")
    assert passforge.ResetTokenDigest.from_bytes(bytearray(digest.as_bytes())) == digest
    with pytest.raises(passforge.ResetTokenError) as info:
        passforge.ResetTokenDigest.from_bytes(b"\0" * 31)
    assert info.value.code == "INVALID_ARGUMENT"
    for wrong in ([0] * 32, [-1] * 32, [2**64] * 32, "0" * 32):
        with pytest.raises(TypeError, match="bytes"):
            passforge.ResetTokenDigest.from_bytes(wrong)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="fingerprint"):
            passforge.MemoryReplayGuard().first_use(wrong, NOW, NOW)  # type: ignore[arg-type]
    with pytest.raises(passforge.TokenError):
        passforge.MemoryReplayGuard().first_use(b"x", NOW, NOW)
