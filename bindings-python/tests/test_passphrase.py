"""PassphraseGenerator and WordList: the core's passphrases through the installed wheel,
and the cross-language corpus tests/vectors/passphrase.json."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

import passforge

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "vectors" / "passphrase.json"
CASES: list[dict[str, Any]] = json.loads(CORPUS.read_text(encoding="utf-8"))["cases"]


def kwargs_of(case: dict[str, Any]) -> dict[str, Any]:
    """The corpus's core settings as the keywords of PassphraseGenerator."""
    settings = dict(case["settings"])
    kwargs: dict[str, Any] = {k: settings[k] for k in ("words", "capitalize", "number") if k in settings}
    separator = settings.get("separator")
    if isinstance(separator, dict):
        kwargs["random_separator"] = separator["random"]
    elif separator is not None:
        kwargs["separator"] = separator
    if "wordlist" in case:
        kwargs["wordlist"] = passforge.WordList(case["wordlist"])
    if "policy" in case:
        kwargs["policy"] = passforge.Policy.from_dict(case["policy"])
        kwargs.update(case.get("context", {}))
    return kwargs


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_passphrase_vector(case: dict[str, Any]) -> None:
    expect = case["expect"]
    try:
        gen = passforge.PassphraseGenerator(**kwargs_of(case))
    except passforge.ConfigError as e:
        assert e.code == expect.get("error"), f"unexpected {e.code}: {e}"
        if "reasons" in expect:
            assert isinstance(e, passforge.SettingsError)
            assert [r.code for r in e.reasons] == expect["reasons"]
        return
    assert "error" not in expect, f"expected {expect['error']}"
    got = gen.generate_many(case["count"], seed_for_tests=case["seed"])
    assert got == expect["passphrases"]
    assert gen.generate(seed_for_tests=case["seed"]) == expect["passphrases"][0]
    assert gen.words == expect["words"]
    assert gen.passphrase_count == int(expect["passphrase_count"])
    assert abs(gen.entropy_bits - expect["entropy_bits"]) <= 1e-9


def test_defaults_are_six_eff_words() -> None:
    gen = passforge.PassphraseGenerator()
    assert gen.words == 6 and len(gen.wordlist) == 7776
    assert abs(gen.entropy_bits - 6 * math.log2(7776)) < 1e-9
    a, b = gen.generate_many(2)
    assert a != b and len(a.split("-")) >= 6
    assert not gen.is_weak and gen.policy is None
    assert gen.policy_estimate() == (1.0, gen.entropy_bits)
    assert "words=6" in repr(gen) and "eff_large" in repr(gen.wordlist)


def test_word_lists_are_validated() -> None:
    words = passforge.WordList.from_text("# ours\nred\n11111\tgreen\n\nblue\n")
    assert words.words == ["red", "green", "blue"] and len(words) == 3
    assert passforge.WordList.eff_large().words[:2] == ["abacus", "abdomen"]
    for bad, code in [
        (["red"], "WORDLIST_TOO_SMALL"),
        (["red", "RED"], "WORDLIST_DUPLICATE"),
        (["red", ""], "WORDLIST_WORD_EMPTY"),
        (["red", "gr een"], "WORDLIST_CHARACTER"),
        (["red", "x" * 65], "WORDLIST_WORD_TOO_LONG"),
    ]:
        with pytest.raises(passforge.ConfigError) as info:
            passforge.WordList(bad)
        assert info.value.code == code
        assert "gr een" not in str(info.value)


def test_settings_errors_and_arguments() -> None:
    def code(**kwargs: Any) -> str:
        with pytest.raises(passforge.ConfigError) as info:
            passforge.PassphraseGenerator(**kwargs)
        return info.value.code

    assert code(words=0) == "PASSPHRASE_WORD_COUNT"
    assert code(words=2**70) == "PASSPHRASE_WORD_COUNT"
    assert code(words=-1) == "INVALID_ARGUMENT"
    assert code(separator="-", random_separator="digit") == "INVALID_ARGUMENT"
    assert code(capitalize="title") == "UNKNOWN_NAME"
    assert code(random_separator="emoji") == "UNKNOWN_NAME"
    assert code(separator="\n") == "PASSPHRASE_SEPARATOR"
    assert code(separator="", wordlist=passforge.WordList(["sun", "flower", "sunflower"])) == "PASSPHRASE_AMBIGUOUS"
    assert code(username="jdoe") == "CONTEXT_WITHOUT_POLICY"
    with pytest.raises(TypeError):
        passforge.PassphraseGenerator(word=3)  # type: ignore[call-arg]
    with pytest.raises(passforge.GenerationError) as info:
        passforge.PassphraseGenerator().generate_many(passforge.MAX_BATCH + 1)
    assert info.value.code == "BATCH_TOO_LARGE"


def test_every_option_shapes_the_output() -> None:
    gen = passforge.PassphraseGenerator(
        words=3, random_separator="digit", capitalize="random_word", number=True
    )
    for p in gen.generate_many(100, seed_for_tests=5):
        digits = sum(c.isdigit() for c in p)
        assert digits == 3, p
        assert sum(1 for w in "".join(c if not c.isdigit() else " " for c in p).split() if w.isupper()) == 1
    assert passforge.PassphraseGenerator(words=2, separator=" ").generate().count(" ") >= 1


def test_policies_are_checked_and_kept() -> None:
    ad = passforge.Policy.from_toml("[ad]\nminPwdLength = 14\npwdProperties = 1\n")
    with pytest.raises(passforge.SettingsError) as info:
        passforge.PassphraseGenerator(policy=ad)
    assert [r.code for r in info.value.reasons] == ["GENERATOR_CATEGORIES_BELOW_MINIMUM"]
    with pytest.raises(passforge.SettingsError):
        ad.check_passphrase(passforge.PassphraseGenerator(words=3))
    gen = passforge.PassphraseGenerator(
        words=4, capitalize="first_letter", number=True, policy=ad, username="jdoe"
    )
    ad.check_passphrase(gen)
    for p in gen.generate_many(50):
        assert ad.validate(p, username="jdoe")
    share, bits = gen.policy_estimate()
    assert 0.9 < share <= 1.0 and bits <= gen.entropy_bits
    assert gen.policy is not None
