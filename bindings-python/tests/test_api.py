"""The Python surface: types, errors, repr, seeds."""

from __future__ import annotations

import pickle

import pytest

import passforge


def test_tests_use_the_installed_package() -> None:
    # The wheel, not bindings-python/python from the source tree.
    assert "site-packages" in passforge.__file__
    assert "site-packages" in passforge._native.__file__


def test_version_is_the_crate_version() -> None:
    assert isinstance(passforge.__version__, str)
    assert passforge.__version__.count(".") == 2
    assert passforge.__version__ == passforge._native.__version__


def test_defaults() -> None:
    g = passforge.Generator()
    explicit = passforge.Generator(length=12, lower=6, upper=2, digits=2, symbols=2)
    assert g.length == 12
    assert g.entropy_bits == explicit.entropy_bits
    assert g.password_count == explicit.password_count


def test_types() -> None:
    g = passforge.Generator(length=16, lower=8, upper=4, digits=2, symbols=2)
    assert type(g.length) is int and g.length == 16
    assert type(g.entropy_bits) is float
    assert type(g.password_count) is int
    assert g.entropy_bits == pytest.approx(g.password_count.bit_length() - 1, abs=1)
    p = g.generate()
    assert type(p) is str and len(p) == 16
    many = g.generate_many(5)
    assert type(many) is list and all(type(s) is str and len(s) == 16 for s in many)
    assert g.generate_many(0) == []
    assert isinstance(passforge.generate(length=20), str)
    assert len(passforge.generate(length=20)) == 20
    assert passforge.MAX_LENGTH == 1024
    assert "0" in passforge.AMBIGUOUS
    assert len(passforge.DEFAULT_SYMBOLS) == 32


def test_minimums_hold() -> None:
    g = passforge.Generator(length=16, lower=8, upper=4, digits=2, symbols=2)
    for p in g.generate_many(500):
        assert sum(c.islower() for c in p) >= 8
        assert sum(c.isupper() for c in p) >= 4
        assert sum(c.isdigit() for c in p) >= 2
        assert sum(c in passforge.DEFAULT_SYMBOLS for c in p) >= 2


def test_password_count_beyond_int_str_digit_limit() -> None:
    # 1024 characters over ~20000: about 4400 decimal digits, above CPython's default
    # limit for int(str); the count must still arrive as an int.
    symbols = "".join(chr(0x4E00 + i) for i in range(20000))
    g = passforge.Generator(length=1024, symbol_set=symbols)
    assert g.password_count.bit_length() == pytest.approx(g.entropy_bits, abs=1)


def test_keyword_only() -> None:
    with pytest.raises(TypeError):
        passforge.Generator(16)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        passforge.Generator(colour=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        passforge.Generator().generate(1)  # type: ignore[call-arg]


def test_seed_reproducibility() -> None:
    g = passforge.Generator(length=16, lower=8, upper=4, digits=2, symbols=2)
    a = g.generate_many(10, seed_for_tests=42)
    assert a == g.generate_many(10, seed_for_tests=42)
    assert a != g.generate_many(10, seed_for_tests=43)
    assert g.generate(seed_for_tests=42) == a[0]
    assert g.generate_many(3, seed_for_tests=2**64 - 1)
    for bad in (2**64, -1):
        with pytest.raises(passforge.GenerationError) as info:
            g.generate(seed_for_tests=bad)
        assert info.value.code == "INVALID_ARGUMENT"
    # Unseeded output is not the seeded stream.
    assert g.generate_many(10) != g.generate_many(10)


def test_repr_shows_settings_never_a_password() -> None:
    g = passforge.Generator(
        length=12, lower=8, upper=4, exclude="'\"", avoid_ambiguous=True,
        strength_check="'^.{12,}$'",
    )
    r = repr(g)
    assert r.startswith("<passforge.Generator length=12 lower=8 upper=4 ")
    assert "effective_length=16" in r
    assert "avoid_ambiguous=True" in r
    assert f"entropy_bits={g.entropy_bits:.2f}" in r
    assert "strength_check=\"'^.{12,}$'\"" in r
    seed = 7
    for p in g.generate_many(50, seed_for_tests=seed):
        assert p not in r
    assert g.generate(seed_for_tests=seed) not in str(g)


@pytest.mark.parametrize(
    ("settings", "cls", "code"),
    [
        ({"digit_set": ""}, passforge.ConfigError, "CLASS_EMPTY"),
        ({"length": 0, "lower": 0, "upper": 0, "digits": 0, "symbols": 0},
         passforge.ConfigError, "LENGTH_ZERO"),
        ({"length": 5000}, passforge.ConfigError, "LENGTH_TOO_LARGE"),
        ({"strength_check": "'a"}, passforge.StrengthCheckError, "STRENGTH_CHECK_SYNTAX"),
        ({"strength_check": "'(?!a)'"}, passforge.StrengthCheckError, "STRENGTH_CHECK_PATTERN"),
    ],
)
def test_config_errors(settings: dict[str, object], cls: type, code: str) -> None:
    with pytest.raises(cls) as info:
        passforge.Generator(**settings)  # type: ignore[arg-type]
    e = info.value
    assert type(e) is cls
    assert isinstance(e, passforge.ConfigError)
    assert isinstance(e, passforge.PassforgeError)
    assert isinstance(e, ValueError)
    assert e.code == code
    assert str(e) and str(e) == e.message


def test_generation_error() -> None:
    g = passforge.Generator(length=12, strength_check="'^.{13,}$'")
    with pytest.raises(passforge.GenerationError) as info:
        g.generate()
    assert info.value.code == "STRENGTH_CHECK_UNMET"
    assert "'^.{13,}$' rejected" in str(info.value)
    assert not isinstance(info.value, passforge.ConfigError)
    with pytest.raises(passforge.GenerationError):
        g.generate_many(3, seed_for_tests=1)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_errors_pickle(protocol: int) -> None:
    errors: list[passforge.PassforgeError] = []
    for make in (
        lambda: passforge.Generator(digit_set=""),
        lambda: passforge.StrengthCheck("'x"),
        lambda: passforge.Generator(length=12, strength_check="'^.{13,}$'").generate(),
    ):
        with pytest.raises(passforge.PassforgeError) as info:
            make()
        errors.append(info.value)
    for e in errors:
        back = pickle.loads(pickle.dumps(e, protocol=protocol))
        assert type(back) is type(e)
        assert back.code == e.code
        assert str(back) == str(e)
        assert back.args == e.args


def test_errors_can_be_raised_from_python() -> None:
    e = passforge.ConfigError("bad", "CLASS_EMPTY")
    assert (str(e), e.code, e.message) == ("bad", "CLASS_EMPTY", "bad")


def test_strength_check() -> None:
    c = passforge.StrengthCheck(r"'^.{12,}$', '[0-9].*[0-9]', 'it''s'")
    assert c.patterns == ["^.{12,}$", "[0-9].*[0-9]", "it's"]
    assert str(c) == r"'^.{12,}$', '[0-9].*[0-9]', 'it''s'"
    assert str(passforge.StrengthCheck(str(c))) == str(c)
    assert repr(c) == f"StrengthCheck({str(c)!r})"
    assert c.is_match("it's 12345678")
    assert not c.is_match("short 1")
    assert c.failures("short 1") == [0, 1, 2]
    assert c.failures("it's 12345678") == []
    assert passforge.StrengthCheck("").patterns == []
    with pytest.raises(passforge.StrengthCheckError) as info:
        passforge.StrengthCheck("'a', b")
    assert info.value.code == "STRENGTH_CHECK_SYNTAX"
    assert isinstance(info.value, passforge.ConfigError)


def test_strength_checked_generation_passes_the_check() -> None:
    check = r"'^.{14,}$', '[0-9].*[0-9].*[0-9]'"
    g = passforge.Generator(length=14, strength_check=check)
    c = passforge.StrengthCheck(check)
    assert all(c.is_match(p) for p in g.generate_many(200, seed_for_tests=1))


def test_classes_are_immutable() -> None:
    g = passforge.Generator()
    with pytest.raises(AttributeError):
        g.length = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        class Sub(passforge.Generator):  # type: ignore[misc]
            pass


def test_unicode_sets_round_trip() -> None:
    g = passforge.Generator(
        length=10, lower=3, upper=0, digits=2, symbols=0,
        lower_set="äöüß", digit_set="٠١٢٣٤٥٦٧٨٩", upper_set="", symbol_set="",
    )
    for p in g.generate_many(50, seed_for_tests=5):
        assert len(p) == 10
        assert set(p) <= set("äöüß٠١٢٣٤٥٦٧٨٩")



def test_strength_check_estimate_lowers_the_entropy() -> None:
    plain = passforge.Generator(length=16)
    assert plain.strength_check_estimate() == (1.0, plain.entropy_bits)
    checked = passforge.Generator(length=16, strength_check="'[0-9].*[0-9].*[0-9]'")
    share, bits = checked.strength_check_estimate()
    assert 0.0 < share < 1.0
    assert 0.0 < bits < checked.entropy_bits - 0.5


def test_weak_settings_are_flagged() -> None:
    assert not passforge.Generator().is_weak
    one = passforge.Generator(length=12, lower_set="aaaa", upper=0, digits=0, symbols=0,
                              upper_set="", digit_set="", symbol_set="")
    assert one.is_weak and one.entropy_bits == 0.0
