"""Runs the Python examples of the READMEs against the installed wheel."""

from __future__ import annotations

import os
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
READMES = [ROOT / "README.md", ROOT / "bindings-python" / "README.md"]
BLOCK = re.compile(r"^( *)```python\n(.*?)^\1```", re.S | re.M)


def examples() -> list[tuple[str, str]]:
    found = []
    for readme in READMES:
        for i, match in enumerate(BLOCK.finditer(readme.read_text(encoding="utf-8"))):
            indent = len(match.group(1))
            code = "\n".join(line[indent:] for line in match.group(2).splitlines())
            found.append((f"{readme.relative_to(ROOT)}#{i + 1}", code))
    return found


@pytest.mark.parametrize(("where", "code"), examples(), ids=[w for w, _ in examples()])
def test_readme_example_runs(where: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples open files such as examples/policy-ad.toml
    exec(compile(code, where, "exec"), {"__name__": "readme_example"})


def test_every_readme_has_examples() -> None:
    wheres = {w.split("#")[0] for w, _ in examples()}
    assert wheres == {str(r.relative_to(ROOT)) for r in READMES}, os.linesep.join(wheres)
