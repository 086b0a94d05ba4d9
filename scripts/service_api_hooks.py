"""Schemathesis checks and hooks for passforge-service, loaded by
scripts/test-service-api.sh (SCHEMATHESIS_HOOKS=service_api_hooks).

`documented_error_code`: every error answer is the API's envelope
`{"error": {"code", "message", "request_id", ...}}` whose code is in the error-code
registry under concern "service" (given in PASSFORGE_SERVICE_CODES as `CODE=STATUS,...`,
read from docs/error-codes.md), answered with that code's status, named in the
operation's description of that status, with `request_id` equal to `X-Request-Id`
(unless it is a replayed first answer, `Idempotent-Replayed: true`);
429 and 503 carry `Retry-After`.

`request_id_header`: every response carries `X-Request-Id`.

The `map_case` hook steers part of the positive cases to the demo's users and directory, so that
fuzzing reaches the operations' success and refusal paths (groups, lock, policy) and not
only USER_NOT_FOUND; the rest stays as generated.
"""

from __future__ import annotations

import json
import os
import re
import zlib

import schemathesis
from schemathesis import GenerationMode


def _registry() -> dict[str, int]:
    text = os.environ.get("PASSFORGE_SERVICE_CODES", "")
    codes = {}
    for item in filter(None, text.split(",")):
        code, _, status = item.partition("=")
        codes[code] = int(status)
    if not codes:
        raise RuntimeError("PASSFORGE_SERVICE_CODES is empty: run through scripts/test-service-api.sh")
    return codes


CODES = _registry()
# The demo directory (service/src/demo/users.toml): alice may be reset; bob is in a
# forbidden group; carol is locked; dave is in no allowed group.
DEMO_USERS = ("alice", "bob", "carol", "dave")
DEMO_DIRECTORY = "demo"
WORD = re.compile(r"[A-Z][A-Z_]+")


def _header(response, name: str) -> str | None:
    values = response.headers.get(name.lower())
    return values[0] if values else None


def _is_error_body(definition) -> bool:
    refs = [
        media.get("schema", {}).get("$ref", "")
        for media in definition.get("content", {}).values()
    ]
    return any(ref.endswith("/ErrorBody") for ref in refs)


@schemathesis.check
def request_id_header(ctx, response, case):
    """Every response carries X-Request-Id."""
    if not _header(response, "x-request-id"):
        raise AssertionError("the response has no X-Request-Id header")


@schemathesis.check
def documented_error_code(ctx, response, case):
    """Every error body's error.code is a documented service code with its status."""
    status = response.status_code
    if status < 400:
        return None
    documented = case.operation.responses.find_by_status_code(status)
    if documented is not None and not _is_error_body(documented.definition):
        return None  # e.g. /readyz answers 503 with its readiness body
    try:
        body = json.loads(response.content)
    except ValueError as e:
        raise AssertionError(f"the {status} answer is not JSON: {e}") from None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        raise AssertionError(f'the {status} answer is not {{"error": {{...}}}}: {body!r}')
    code = error.get("code")
    for member in ("code", "message", "request_id"):
        if not isinstance(error.get(member), str) or not error[member]:
            raise AssertionError(f"error.{member} is missing or empty (code {code!r})")
    if code not in CODES:
        raise AssertionError(
            f"error.code {code!r} is not a registry code of concern 'service' "
            f"(docs/error-codes.md): {sorted(CODES)}"
        )
    if CODES[code] != status:
        raise AssertionError(f"{code} is documented as {CODES[code]} but was answered with {status}")
    # A replayed answer (Idempotency-Key) is the first answer, with the first request's id.
    replayed = _header(response, "idempotent-replayed") == "true"
    if not replayed and error["request_id"] != _header(response, "x-request-id"):
        raise AssertionError("error.request_id differs from the X-Request-Id header")
    if status in (429, 503) and not _header(response, "retry-after"):
        raise AssertionError(f"{code} ({status}) has no Retry-After header")
    if documented is not None:
        names = set(WORD.findall(documented.definition.get("description", "")))
        if code not in names:
            raise AssertionError(
                f"{code} is not among the codes {case.operation.label} documents for "
                f"{status}: {sorted(names & set(CODES))}"
            )
    return None


def _demo_pick(value: str) -> int:
    """A stable choice from the generated value: 0-3 a demo user, 4-7 keep it."""
    return zlib.crc32(value.encode("utf-8", "surrogatepass")) % 8


@schemathesis.hook
def map_case(context, case):
    """Half of the positive cases that name a user name a demo user instead (in the demo
    directory); negative cases stay as generated, so they still violate the schema."""
    if case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return case
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("user"), str):
        pick = _demo_pick(body["user"])
        if pick < len(DEMO_USERS):
            body = {**body, "user": DEMO_USERS[pick]}
            if isinstance(body.get("directory"), str):
                body["directory"] = DEMO_DIRECTORY
            case.body = body
    params = case.path_parameters
    if isinstance(params, dict):
        if isinstance(params.get("user"), str) and _demo_pick(params["user"]) < len(DEMO_USERS):
            case.path_parameters = {**params, "user": DEMO_USERS[_demo_pick(params["user"])]}
        if isinstance(params.get("name"), str) and _demo_pick(params["name"]) < 4:
            case.path_parameters = {**case.path_parameters, "name": DEMO_DIRECTORY}
    return case
