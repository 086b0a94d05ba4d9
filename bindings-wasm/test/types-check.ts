// Typed usage of the package, checked with `tsc --noEmit` (never run). Resolved through
// package.json "exports": tsconfig.json as Node sees it (lib/node.d.mts), and
// tsconfig.bundler.json as a browser bundler sees it (lib/web.d.ts).
import {
  Generator,
  StrengthCheck,
  type ErrorCode,
  type GenerateOptions,
  type GeneratorOptions,
  type PassforgeError,
} from "passforge";

const options: GeneratorOptions = {
  length: 16,
  lower: 1,
  upper: 1,
  digits: 1,
  symbols: 1,
  lowerSet: "abcdefghijkmnpqrstuvwxyz",
  upperSet: "ABCDEFGHJKLMNPQRSTUVWXYZ",
  digitSet: "23456789",
  symbolSet: "!@#$%",
  exclude: "",
  avoidAmbiguous: true,
  strengthCheck: "'^.{12,}$', '[0-9]'",
};
const generator = new Generator(options);
const defaults: Generator = new Generator();

const password: string = generator.generate();
const passwords: string[] = generator.generateMany(10);
const seeded: GenerateOptions = { seedForTests: 7n };
const reproducible: string[] = defaults.generateMany(3, seeded);
const first: string = defaults.generate({ seedForTests: 7n });
const bits: number = generator.entropyBits;
const length: number = generator.length;
const count: bigint = BigInt(generator.passwordCount);

const check = new StrengthCheck(options.strengthCheck ?? "");
const patterns: string[] = check.patterns;
const ok: boolean = check.isMatch(password);
const failing: string[] = check.failures(password).map((i: number) => patterns[i]);

function describeError(e: unknown): string {
  if (e instanceof Error && "code" in e) {
    const error = e as PassforgeError;
    const code: ErrorCode = error.code;
    switch (code) {
      case "CLASS_EMPTY":
      case "STRENGTH_CHECK_UNMET":
        return `${error.name} ${code}: ${error.message}`;
      default:
        return code;
    }
  }
  return String(e);
}

// The types reject what the runtime rejects.
// @ts-expect-error: options are camelCase
new Generator({ digit_set: "" });
// @ts-expect-error: counts are numbers
new Generator({ length: "16" });
// @ts-expect-error: the seed is a bigint
defaults.generate({ seedForTests: 7 });
// @ts-expect-error: not an error code
const notACode: ErrorCode = "LENGTH_NEGATIVE";
// @ts-expect-error: read-only
generator.length = 3;

export {
  bits,
  count,
  describeError,
  failing,
  first,
  length,
  notACode,
  ok,
  passwords,
  reproducible,
};
