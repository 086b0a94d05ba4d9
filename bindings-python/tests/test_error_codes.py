"""The error codes the Python package names agree with the core's registry
(`passforge.error_codes()`), both ways.

The rule: every concern of the registry is exposed by the Python API (generation, the
random source, policies, time, auth, and argument conversion), so every registered code
must be documented on the exception class that raises it in ``_errors.py``; and every
upper-case code the package's docs name (``_errors.py``, the stub, the README) is a
registered error code, unless it is a constant of the API or a result code (a violation,
shortfall or lint code) that the API is seen to produce below."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import passforge
from passforge import _errors

ROOT = Path(__file__).resolve().parents[1]
STUB = Path(passforge._native.__file__).with_name("_native.pyi")
README = ROOT / "README.md"
ERROR_DOCS = Path(__file__).resolve().parents[2] / "docs" / "error-codes.md"
# ``CODE`` or `CODE`: an upper-case name with at least one underscore.
NAMED = re.compile(r"`+([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`+")
CONCERNS = {"generate", "random", "policy", "time", "auth", "argument", "service"}


def registered() -> set[str]:
    return {info.code for info in passforge.error_codes()}


def test_error_codes_are_the_registry() -> None:
    infos = passforge.error_codes()
    assert all(isinstance(i, passforge.ErrorCodeInfo) for i in infos)
    assert len(infos) == len(registered()) >= 50
    assert {i.concern for i in infos} == CONCERNS
    assert all(i.meaning for i in infos)
    # The same list, in the same order, as the docs generated from the core.
    rows = re.findall(r"^\| `([A-Z0-9_]+)` \| (\w+) \| (.+) \|$", ERROR_DOCS.read_text(), re.M)
    assert [tuple(i) for i in infos] == rows
    info = next(i for i in infos if i.code == "BATCH_TOO_LARGE")
    assert (info.code, info.concern) == ("BATCH_TOO_LARGE", "generate")


def exception_docs() -> dict[str, str]:
    """The docstring of every exception class of `_errors.py`, by class name."""
    return {
        name: inspect.getdoc(cls) or ""
        for name, cls in vars(_errors).items()
        if inspect.isclass(cls) and issubclass(cls, passforge.PassforgeError)
    }


def test_every_registered_code_is_documented_on_an_exception_class() -> None:
    documented = {code for doc in exception_docs().values() for code in NAMED.findall(doc)}
    # The reset service's HTTP codes are in the registry but never raised by the package.
    service = {i.code for i in passforge.error_codes() if i.concern == "service"}
    missing = registered() - service - documented
    assert not missing, f"document these codes in passforge/_errors.py: {sorted(missing)}"


def api_constants() -> set[str]:
    names = set(dir(passforge))
    for value in vars(passforge).values():
        if inspect.isclass(value):
            names |= set(dir(value))
    return names


class History:
    def contains(self, password: str, depth: int) -> bool:
        return True


def result_codes() -> set[str]:
    """Violation, shortfall and lint codes, as the API produces them."""
    policy = passforge.Policy(min_length=12, max_length=16, blocklist=True, history=3)
    codes = {v.code for v in policy.validate("password", history=History()).violations}
    codes |= {v.code for v in policy.validate("x" * 17).violations}
    codes |= {f.code for f in passforge.lint(passforge.Policy(min_length=8))}
    codes |= {f.code for f in passforge.OneTimeCodePolicy(lifetime_seconds=900).lint()}
    try:
        passforge.Policy(min_length=20).check_generator(passforge.Generator(length=12))
    except passforge.SettingsError as e:
        codes |= {r.code for r in e.reasons}
    return codes


def named_in(text: str) -> set[str]:
    return set(NAMED.findall(text))


def docs() -> dict[str, str]:
    tree = ast.parse(Path(_errors.__file__).read_text())
    docstrings = [ast.get_docstring(n) or "" for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef))]
    return {
        "_errors.py": "\n".join(docstrings),
        "_native.pyi": STUB.read_text(),
        "README.md": README.read_text(),
    }


def test_every_code_the_package_names_is_registered() -> None:
    known = registered() | api_constants()
    results = result_codes()
    assert {"TOO_SHORT", "IN_HISTORY", "GENERATOR_LENGTH_BELOW_MINIMUM"} <= results
    for name, text in docs().items():
        named = named_in(text)
        assert named, name
        unknown = named - known - results
        assert not unknown, f"{name} names codes that are not registered: {sorted(unknown)}"
