// Shared by the Node tests: asserts that a call throws a PassforgeError with a code.
import assert from "node:assert/strict";

import { PassforgeError, isPassforgeError } from "passforge";

/** Runs `f`, asserts it throws a PassforgeError with `code`, and returns the error. */
export function throwsCode(f, code, ErrorClass = Error) {
  let error;
  assert.throws(f, (e) => {
    error = e;
    return true;
  });
  assert.ok(error instanceof ErrorClass, `${error} is a ${ErrorClass.name}`);
  assert.ok(error instanceof PassforgeError, `${error} is a PassforgeError`);
  assert.ok(isPassforgeError(error), `isPassforgeError(${error})`);
  assert.equal(error.name, "PassforgeError");
  assert.equal(error.code, code, error.message);
  assert.ok(error.message.length > 20, "the message says what to do");
  return error;
}
