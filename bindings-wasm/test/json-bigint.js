// JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact, as BigInts (the
// expiry corpus holds 64-bit FILETIMEs). Safe integers stay numbers. No Node APIs: the
// browser test uses it too. (JSON.parse's source-text access would do this, but Node 20
// does not have it.)

const MARK = "\u0000bigint:";

/** Parses `text`; unsafe integer literals become BigInts. */
export function parseJson(text) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      // Copy the string literal as is, escapes included.
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 40));
    if (number !== null && (c === "-" || (c >= "0" && c <= "9"))) {
      const literal = number[0];
      const integer = number[1] === undefined && number[2] === undefined;
      out += integer && !Number.isSafeInteger(Number(literal)) ? `"\\u0000bigint:${literal}"` : literal;
      i += literal.length;
      continue;
    }
    out += c;
    i += 1;
  }
  return JSON.parse(out, (_key, value) =>
    typeof value === "string" && value.startsWith(MARK) ? BigInt(value.slice(MARK.length)) : value,
  );
}
