"""The resultant PSO: `resolve_pso` over candidate mappings, and its errors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import passforge


def pso(precedence: int, link: str, guid: int = 0, min_length: int = 8) -> dict[str, Any]:
    return {
        "name": f"PSO {precedence} {link}",
        "precedence": precedence,
        "link": link,
        "object_guid": bytes([guid]) * 16,
        "attributes": {
            "cn": f"PSO {precedence}",
            "msDS-PasswordSettingsPrecedence": str(precedence),
            "msDS-MinimumPasswordLength": str(min_length),
        },
    }


def winner_min_length(candidates: list[dict[str, Any]]) -> int:
    i = passforge.resolve_pso(candidates)
    assert i is not None
    return passforge.Policy.from_ad_attributes(candidates[i]["attributes"]).min_length


def test_direct_beats_group_regardless_of_precedence() -> None:
    candidates = [pso(1, "group", min_length=20), pso(50, "direct", min_length=10)]
    assert passforge.resolve_pso(candidates) == 1
    assert winner_min_length(candidates) == 10
    assert passforge.resolve_pso(candidates[::-1]) == 0


def test_lowest_precedence_wins_among_the_same_link() -> None:
    groups = [pso(10, "group", 1, 12), pso(5, "group", 2, 14), pso(7, "group", 3, 16)]
    assert passforge.resolve_pso(groups) == 1
    assert winner_min_length(groups) == 14
    mixed = [*groups, pso(30, "direct", 4, 9), pso(20, "direct", 5, 11)]
    assert passforge.resolve_pso(mixed) == 4
    assert winner_min_length(mixed) == 11


def test_guid_breaks_ties() -> None:
    tie = [pso(5, "group", 9, 12), pso(5, "group", 3, 15)]
    assert passforge.resolve_pso(tie) == 1
    assert winner_min_length(tie) == 15
    # Hex digits are the stored bytes in order; the default GUID is all zeros.
    hexed = [
        {"precedence": 5, "link": "direct", "object_guid": "ff" + "00" * 15},
        {"precedence": 5, "link": "direct", "object_guid": "00" * 15 + "01"},
        {"precedence": 5, "link": "direct", "object_guid": bytes(15) + b"\x02"},
    ]
    assert passforge.resolve_pso(hexed) == 1
    assert passforge.resolve_pso([*hexed, {"precedence": 5, "link": "direct"}]) == 3
    upper = [
        {"precedence": 5, "link": "direct", "object_guid": "AB" * 16},
        {"precedence": 5, "link": "direct", "object_guid": "ac" * 16},
    ]
    assert passforge.resolve_pso(upper) == 0


def test_empty_list_means_the_domain_policy() -> None:
    assert passforge.resolve_pso([]) is None
    assert passforge.resolve_pso(()) is None


def test_minimal_candidates_and_any_mapping() -> None:
    class Candidate(Mapping[str, object]):
        def __init__(self, **items: object) -> None:
            self._items = items

        def __getitem__(self, key: str) -> object:
            return self._items[key]

        def __iter__(self) -> Iterator[str]:
            return iter(self._items)

        def __len__(self) -> int:
            return len(self._items)

    candidates = (Candidate(precedence=2, link="group"), Candidate(precedence=1, link="group"))
    assert passforge.resolve_pso(candidates) == 1
    assert passforge.resolve_pso([{"precedence": 0, "link": "group", "attributes": None}]) == 0
    assert passforge.resolve_pso([{"precedence": 2**32 - 1, "link": "direct"}]) == 0


BAD: list[tuple[object, str, str]] = [
    ({"link": "direct"}, "PSO_CANDIDATE", "precedence"),
    ({"precedence": -1, "link": "direct"}, "PSO_CANDIDATE", "precedence"),
    ({"precedence": 2**32, "link": "direct"}, "PSO_CANDIDATE", "precedence"),
    ({"precedence": "1", "link": "direct"}, "PSO_CANDIDATE", "precedence"),
    ({"precedence": 1.0, "link": "direct"}, "PSO_CANDIDATE", "precedence"),
    ({"precedence": True, "link": "direct"}, "PSO_CANDIDATE", "precedence"),
    ({"precedence": 1}, "PSO_CANDIDATE", "link"),
    ({"precedence": 1, "link": "Direct"}, "PSO_CANDIDATE", "link"),
    ({"precedence": 1, "link": "user"}, "PSO_CANDIDATE", "link"),
    ({"precedence": 1, "link": "group", "object_guid": bytes(15)}, "PSO_CANDIDATE", "object_guid"),
    ({"precedence": 1, "link": "group", "object_guid": "0" * 31}, "PSO_CANDIDATE", "object_guid"),
    ({"precedence": 1, "link": "group", "object_guid": "g" * 32}, "PSO_CANDIDATE", "object_guid"),
    (
        {"precedence": 1, "link": "group", "object_guid": "00000000-0000-0000-0000-000000000000"},
        "PSO_CANDIDATE",
        "object_guid",
    ),
    ({"precedence": 1, "link": "group", "object_guid": 0}, "PSO_CANDIDATE", "object_guid"),
    ({"precedence": 1, "link": "group", "attributes": [("a", "b")]}, "PSO_CANDIDATE", "attributes"),
    (
        {"precedence": 1, "link": "group", "attributes": {"msDS-MinimumPasswordLength": 14}},
        "PSO_CANDIDATE",
        "attributes",
    ),
    # An attribute value the core refuses is PSO_CANDIDATE too (was its POLICY_* code),
    # the core's reason in the message.
    (
        {"precedence": 1, "link": "group", "attributes": {"msDS-MinimumPasswordLength": "ten"}},
        "PSO_CANDIDATE",
        "msDS-MinimumPasswordLength",
    ),
    (
        {"precedence": 1, "link": "group", "attributes": {"msDS-MinimumPasswordLength": "256"}},
        "PSO_CANDIDATE",
        "minPwdLength",
    ),
    ("not a mapping", "PSO_CANDIDATE", "not a mapping"),
    (None, "PSO_CANDIDATE", "not a mapping"),
]


@pytest.mark.parametrize(("candidate", "code", "named"), BAD)
def test_bad_candidates(candidate: object, code: str, named: str) -> None:
    good = pso(1, "direct")
    with pytest.raises(passforge.PolicyError) as info:
        passforge.resolve_pso([good, candidate])  # type: ignore[list-item]
    assert type(info.value) is passforge.PolicyError
    assert info.value.code == code
    assert str(info.value).startswith("PSO candidate 1: ")
    assert named in str(info.value)


@pytest.mark.parametrize("candidates", ["direct", None, 5, {"precedence": 1, "link": "direct"}])
def test_candidates_must_be_a_sequence(candidates: object) -> None:
    with pytest.raises(passforge.PolicyError) as info:
        passforge.resolve_pso(candidates)  # type: ignore[arg-type]
    # Not a candidate of the wrong shape but an argument of the wrong type.
    assert info.value.code == "INVALID_ARGUMENT"


def test_exported() -> None:
    assert "resolve_pso" in passforge.__all__
    assert passforge.resolve_pso is passforge._native.resolve_pso
