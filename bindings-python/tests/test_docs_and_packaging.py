"""help() shows the documentation: every public class and function has a docstring, the
native ones the stub's (so the two cannot drift); the module namespace is the API; the
wheel ships the licence texts."""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
from pathlib import Path
from typing import Any, Iterator

import pytest

import passforge

STUB = Path(passforge._native.__file__).with_name("_native.pyi")


def public() -> list[tuple[str, Any]]:
    return [
        (name, getattr(passforge, name))
        for name in passforge.__all__
        if inspect.isclass(getattr(passforge, name)) or callable(getattr(passforge, name))
    ]


@pytest.mark.parametrize(("name", "value"), public(), ids=[n for n, _ in public()])
def test_every_public_class_and_function_is_documented(name: str, value: Any) -> None:
    doc = inspect.getdoc(value) or ""
    # A sentence at least, not a bare signature (what PyO3 shows without a doc comment).
    assert len(doc) >= 25 and " " in doc, f"{name}: {doc!r}"
    assert not doc.startswith(f"{name}("), doc


def stub_docs() -> Iterator[tuple[str, str]]:
    """(dotted name, docstring) of every documented class, method, property and
    function of the stub."""
    tree = ast.parse(STUB.read_text())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            if (doc := ast.get_docstring(node)) is not None:
                yield node.name, doc
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    if (doc := ast.get_docstring(item)) is not None:
                        yield f"{node.name}.{item.name}", doc
        elif isinstance(node, ast.FunctionDef):
            if (doc := ast.get_docstring(node)) is not None:
                yield node.name, doc


def test_native_docstrings_are_the_stubs() -> None:
    docs = list(stub_docs())
    assert len(docs) > 100
    drift = []
    for dotted, doc in docs:
        obj: Any = passforge._native
        for part in dotted.split("."):
            obj = inspect.getattr_static(obj, part)
        obj = getattr(obj, "__func__", obj)  # a staticmethod's function
        runtime = inspect.cleandoc(getattr(obj, "__doc__", None) or "")
        if runtime != doc:
            drift.append(dotted)
    # Fix by copying the stub's docstring into the Rust `///` comment.
    assert drift == []


def test_help_shows_the_defaults() -> None:
    parameters = inspect.signature(passforge.Generator).parameters
    defaults = {name: parameters[name].default for name in
                ("length", "lower", "upper", "digits", "symbols")}
    assert defaults == {"length": 12, "lower": 6, "upper": 2, "digits": 2, "symbols": 2}
    # Each one is the value a count takes when not given.
    assert passforge.Generator(**defaults) == passforge.Generator()
    assert "12 / 6 / 2 / 2 / 2" not in (passforge.Generator.__doc__ or "")
    assert "length=12, lower=6" in (passforge.Generator.__doc__ or "")
    assert "seeded once per call" in (passforge.Generator.generate_many.__doc__ or "")


def test_namespace_is_the_api() -> None:
    names = {n for n in dir(passforge) if not n.startswith("_")}
    assert names == {n for n in passforge.__all__ if not n.startswith("_")}
    assert "annotations" not in dir(passforge) and "TYPE_CHECKING" not in dir(passforge)
    assert len(passforge.__all__) == len(set(passforge.__all__))


def test_wheel_ships_the_licences() -> None:
    dist = importlib.metadata.distribution("passforge")
    assert sorted(dist.metadata.get_all("License-File") or []) == [
        "LICENSE-APACHE", "LICENSE-MIT",
    ]
    assert dist.metadata["License-Expression"] == "MIT OR Apache-2.0"
    files = {f.name: f for f in dist.files or [] if f.parent.name == "licenses"}
    assert sorted(files) == ["LICENSE-APACHE", "LICENSE-MIT"]
    assert "Permission is hereby granted" in files["LICENSE-MIT"].read_text()
    assert "Apache License" in files["LICENSE-APACHE"].read_text()
