#!/usr/bin/env bash
# Builds the passforge wheel, installs it into .venv and tests the installed package:
# stub check (mypy.stubtest), typed use of the stubs (mypy --strict), pytest.
# Run from the repository root; safe to run again (the venv and tools are reused).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv=.venv
py="$venv/bin/python"

if [[ ! -x "$py" ]]; then
    echo "test-python: creating $venv"
    python3 -m venv "$venv"
fi

# maturin >= 1.9.4 sets PYO3_BUILD_EXTENSION_MODULE, which the crate relies on.
if ! "$py" - <<'PY' 2>/dev/null
import importlib.metadata as m
major, minor, patch = (int(x) for x in m.version("maturin").split(".")[:3])
assert (major, minor, patch) >= (1, 9, 4) and major < 2
m.version("pytest"), m.version("mypy")
PY
then
    echo "test-python: installing maturin, pytest, mypy into $venv"
    "$py" -m pip install --quiet --disable-pip-version-check 'maturin>=1.9.4,<2' pytest mypy
fi

echo "test-python: building the wheel (maturin, release)"
"$venv/bin/maturin" build --quiet --release -m bindings-python/Cargo.toml -o target/wheels \
    -i "$py"
wheel=$(ls -t target/wheels/passforge-*-abi3-*.whl | head -n 1)
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
echo "test-python: installed $wheel"

# From a directory without the source tree, so the installed package is what is checked.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && "$OLDPWD/$py" -m mypy.stubtest passforge)
"$py" -m mypy --strict --no-incremental bindings-python/tests bindings-python/bench

cd bindings-python
"../$py" -m pytest -q
