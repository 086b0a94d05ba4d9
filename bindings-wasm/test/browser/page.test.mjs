// The demo page (www/) in a real headless Chromium: the vector corpora run in the page,
// live policy feedback, Generate, and screenshots in test-output/.
//
// Uses the system Chromium (/usr/bin/chromium, or PASSFORGE_CHROMIUM); never downloads one.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";

import * as passforge from "passforge";
import * as extras from "passforge/extras";
import { chromium } from "playwright-core";

import { corpusText, loadCorpus } from "../corpus.mjs";
import * as assessmentVectors from "../vectors-assessments.js";
import * as contractVectors from "../vectors-contract.js";
import * as expiryVectors from "../vectors-expiry.js";
import * as passphraseVectors from "../vectors-passphrase.js";
import * as passwordRulesVectors from "../vectors-password_rules.js";
import { runCorpus } from "../vectors-runner.js";
import * as secretsVectors from "../vectors-secrets.js";
import * as tokenVectors from "../vectors-tokens.js";
import * as validateVectors from "../vectors-validate.js";
import { startServer } from "./server.mjs";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const outputDir = join(packageRoot, "test-output");
const executablePath = process.env.PASSFORGE_CHROMIUM ?? "/usr/bin/chromium";

// The page's default settings (www/index.html), and the policy they make.
const DEFAULTS = {
  length: 12,
  lower: 6,
  upper: 2,
  digits: 2,
  symbols: 2,
  avoid_ambiguous: false,
  strength_check: "'^.{12,}$', '[a-z]', '[A-Z]', '[0-9]', '[^a-zA-Z0-9]'",
};
const DEFAULT_POLICY = {
  min_length: 12,
  min_lower: 6,
  min_upper: 2,
  min_digits: 2,
  min_symbols: 2,
  strength_check: DEFAULTS.strength_check,
  blocklist: true,
};

let server;
let userDataDir;
let context;
let page;
const pageErrors = [];
/** Every .wasm the page fetched, by file name, in order. */
const wasmFetched = [];
/** What `wasmFetched` held once the page was ready. */
let wasmAtLoad;

before(async () => {
  server = await startServer(packageRoot);
  userDataDir = await mkdtemp(join(tmpdir(), "passforge-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 800, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("response", (response) => {
    if (response.status() >= 400) pageErrors.push(`HTTP ${response.status()} ${response.url()}`);
  });
  page.on("request", (request) => {
    const name = new URL(request.url()).pathname.split("/").pop();
    if (name.endsWith(".wasm")) wasmFetched.push(name);
  });
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      pageErrors.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  await page.goto(`${server.url}/www/index.html`);
  await page.waitForSelector("html[data-ready=true]");
  wasmAtLoad = [...wasmFetched];
});

after(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** The rendered feedback: one `{ rule, text, met, status }` per rule. */
function feedback() {
  return page.$$eval("#feedback li", (items) =>
    items.map((li) => ({
      rule: li.dataset.rule,
      text: li.querySelector(".rule").textContent,
      met: li.dataset.met === "true",
      status: li.querySelector(".status").textContent,
    })),
  );
}

/** The rules of the default policy, in the order the page lists them. */
const RULES = [
  ["min_length", "At least 12 characters"],
  ["min_lower", "At least 6 lowercase letters"],
  ["min_upper", "At least 2 uppercase letters"],
  ["min_digits", "At least 2 digits"],
  ["min_symbols", "At least 2 symbols"],
  ["strength_check:^.{12,}$", "Matches ^.{12,}$"],
  ["strength_check:[a-z]", "Matches [a-z]"],
  ["strength_check:[A-Z]", "Matches [A-Z]"],
  ["strength_check:[0-9]", "Matches [0-9]"],
  ["strength_check:[^a-zA-Z0-9]", "Matches [^a-zA-Z0-9]"],
  ["blocklist", "Not a commonly used password"],
];

/** The expected feedback when exactly the rules in `met` are met. */
function expected(met) {
  return RULES.map(([rule, text]) => ({
    rule,
    text,
    met: met.includes(rule),
    status: met.includes(rule) ? "Met" : "Not met",
  }));
}

async function summaryIs(text) {
  await page.waitForFunction(
    (text) => document.querySelector("#feedback-summary").textContent === text,
    text,
  );
}

async function typePassword(text) {
  const input = page.locator("#password");
  await input.fill("");
  await input.pressSequentially(text);
}

test("the page loads the main module only; passforge/extras is fetched when imported", async () => {
  assert.deepEqual(wasmAtLoad, ["passforge_bg.wasm"]);
  const policy = await page.evaluate(async () => {
    const { Policy } = await import("passforge");
    const { policyJsonFromToml } = await import("passforge/extras");
    return Policy.fromJson(policyJsonFromToml("min_length = 14\nblocklist = true\n")).minLength;
  });
  assert.equal(policy, 14);
  assert.deepEqual(wasmFetched, ["passforge_bg.wasm", "extras_bg.wasm"]);
});

test("the vector corpus gives the same results in the page as in Node", async (t) => {
  const corpus = loadCorpus();
  const inPage = await page.evaluate(async (corpus) => {
    const passforge = await import("passforge");
    const { runCorpus } = await import("/test/vectors-runner.js");
    return runCorpus(passforge, corpus);
  }, corpus);
  assert.deepEqual(inPage, runCorpus(passforge, corpus));
  for (const result of inPage) {
    await t.test(`vector in the browser: ${result.name}`, (t) => {
      if (result.skipped) {
        t.skip(result.skipped);
        return;
      }
      assert.deepEqual(result.problems, []);
    });
  }
});

for (const [name, runner] of [
  ["validate", validateVectors],
  ["tokens", tokenVectors],
  ["expiry", expiryVectors],
  ["contract", contractVectors],
  ["assessments", assessmentVectors],
  ["passphrase", passphraseVectors],
  ["password_rules", passwordRulesVectors],
  ["secrets", secretsVectors],
]) {
  test(`the ${name} corpus gives the same results in the page as in Node`, async (t) => {
    const text = corpusText(name);
    const inPage = await page.evaluate(
      async ({ name, text }) => {
        const passforge = await import("passforge");
        const extras = await import("passforge/extras");
        const runner = await import(`/test/vectors-${name}.js`);
        return runner.runCorpus(passforge, text, extras);
      },
      { name, text },
    );
    assert.deepEqual(inPage, runner.runCorpus(passforge, text, extras));
    for (const result of inPage) {
      await t.test(`${name} vector in the browser: ${result.name}`, (t) => {
        if (result.skipped) {
          t.skip(result.skipped);
          return;
        }
        assert.deepEqual(result.problems, []);
      });
    }
  });
}

test("the entropy shown is the core's", async () => {
  const expected = new passforge.Generator(DEFAULTS);
  assert.equal(
    await page.textContent("#entropy"),
    `${expected.entropyBits.toFixed(1)} bits (12 characters)`,
  );
});

test("live policy feedback for a weak, then a compliant password", async () => {
  assert.equal(passforge.isCommonPassword("password"), true);
  await typePassword("password");
  assert.deepEqual(await feedback(), expected(["min_lower", "strength_check:[a-z]"]));
  await summaryIs("2 of 11 rules met.");
  assert.equal(await page.getAttribute("#feedback-summary", "role"), "status");
  assert.equal(await page.getAttribute("#feedback-summary", "aria-live"), "polite");
  await mkdir(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, "page-weak.png"), fullPage: true });

  // Long enough and every pattern matches, but one digit short of the class minimum.
  await typePassword("Correct-Horse-9-battery");
  assert.deepEqual(
    await feedback(),
    expected(RULES.map(([rule]) => rule).filter((rule) => rule !== "min_digits")),
  );
  await summaryIs("10 of 11 rules met.");

  await typePassword("Correct-Horse-93-battery");
  assert.deepEqual(await feedback(), expected(RULES.map(([rule]) => rule)));
  await summaryIs("11 of 11 rules met: the password complies with the policy.");
  await page.screenshot({ path: join(outputDir, "page-compliant.png"), fullPage: true });
});

test("Generate fills a password that complies with the policy", async () => {
  await page.click("#generate");
  const password = await page.inputValue("#password");
  assert.equal([...password].length, 12);
  // The policy, built independently in the page from the default settings.
  const result = await page.evaluate(
    async ({ spec, password }) => {
      const { Policy } = await import("passforge");
      return new Policy(spec).validate(password);
    },
    { spec: DEFAULT_POLICY, password },
  );
  assert.deepEqual(result, { ok: true, violations: [] }, password);
  assert.deepEqual(new passforge.Policy(DEFAULT_POLICY).validate(password).ok, true);
  assert.deepEqual(await feedback(), expected(RULES.map(([rule]) => rule)));
  await summaryIs("11 of 11 rules met: the password complies with the policy.");

  await mkdir(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, "page.png"), fullPage: true });

  await page.click("#generate");
  assert.notEqual(await page.inputValue("#password"), password, "each click draws anew");
});

test("the rules follow the settings", async () => {
  await page.fill("#digits", "0");
  await page.uncheck("#blocklist");
  await typePassword("password");
  const rules = (await feedback()).map((f) => f.rule);
  assert.ok(!rules.includes("min_digits") && !rules.includes("blocklist"), rules.join());
  await page.fill("#digits", "2");
  await page.check("#blocklist");
  assert.equal((await feedback()).length, 11);
});

/** The error shown is one readable sentence: no raw code, no prefix said twice. */
function assertReadable(text, code) {
  assert.ok(!text.includes(code), `no raw code: ${text}`);
  assert.match(text, /^[A-Z].*\.$/, `a sentence: ${text}`);
  const words = text.toLowerCase().match(/[a-z]+(?: [a-z]+)?:/g) ?? [];
  assert.equal(new Set(words).size, words.length, `a prefix repeated: ${text}`);
  assert.ok((text.match(/strength check/gi) ?? []).length <= 1, `"strength check" repeated: ${text}`);
}

test("invalid settings show the core's error, readably, and disable Generate", async () => {
  await page.fill("#digits", "2000");
  await page.waitForSelector("#settings-error:not([hidden])");
  const tooLarge = await page.textContent("#settings-error");
  assertReadable(tooLarge, "LENGTH_TOO_LARGE");
  assert.match(tooLarge, /1024/, "says the limit");
  assert.equal(await page.isDisabled("#generate"), true);
  await page.fill("#digits", "2");
  await page.waitForSelector("#settings-error", { state: "hidden" });
  assert.equal(await page.isDisabled("#generate"), false);

  await page.fill("#strength-check", "'(?=x)'");
  const lookAround = await page.textContent("#settings-error");
  assertReadable(lookAround, "POLICY_STRENGTH_CHECK");
  assert.match(lookAround, /^The strength check: .*look-around/);
  assert.deepEqual(await feedback(), [], "no policy, no rules");
  await mkdir(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, "page-settings-error.png"), fullPage: true });
  await page.fill("#strength-check", DEFAULTS.strength_check);
  await page.waitForSelector("#settings-error", { state: "hidden" });
});

test("an empty password leaves the blocklist rule unchecked, not met", async () => {
  await page.fill("#password", "");
  const rules = await feedback();
  const blocklist = rules.find((r) => r.rule === "blocklist");
  assert.deepEqual(blocklist, { rule: "blocklist", text: "Not a commonly used password", met: false, status: "Not checked" });
  assert.equal(await page.getAttribute('#feedback li[data-rule="blocklist"]', "data-met"), "pending");
  assert.ok(rules.every((r) => !r.met), "an empty password meets none of the default rules");
  await summaryIs("");
  await page.screenshot({ path: join(outputDir, "page-empty.png"), fullPage: true });
});

test("the operator's list is its own rule, told apart by the violation's source", async () => {
  await page.fill("#operator-blocklist", "# refused on this site\nCorrect-Horse-93-battery\n");
  await typePassword("Correct-Horse-93-battery");
  const rules = await feedback();
  assert.deepEqual(rules.slice(-2), [
    { rule: "blocklist", text: "Not a commonly used password", met: true, status: "Met" },
    { rule: "operator_blocklist", text: "Not on this site's list of refused passwords", met: false, status: "Not met" },
  ]);
  await summaryIs("11 of 12 rules met.");
  await page.screenshot({ path: join(outputDir, "page-operator-blocklist.png"), fullPage: true });

  // A common password breaks the shipped list's rule, not the operator's.
  await typePassword("password");
  const common = await feedback();
  assert.equal(common.find((r) => r.rule === "blocklist").met, false);
  assert.equal(common.find((r) => r.rule === "operator_blocklist").met, true);

  // Generated passwords avoid both lists.
  await page.click("#generate");
  const generated = await page.inputValue("#password");
  assert.notEqual(generated, "Correct-Horse-93-battery");
  assert.ok((await feedback()).every((r) => r.met), generated);

  await page.fill("#operator-blocklist", "");
  assert.equal((await feedback()).length, 11, "no list, no rule");
});

test("served from www/ alone, the page says why it cannot work", async () => {
  const wrongRoot = await startServer(join(packageRoot, "www"));
  const other = await context.newPage();
  try {
    await other.goto(`${wrongRoot.url}/index.html`);
    await other.waitForSelector("html[data-ready=error]");
    const text = await other.textContent("#load-error");
    assert.equal(await other.isVisible("#load-error"), true);
    assert.match(text, /could not be loaded/);
    assert.match(text, /npm run demo/);
    assert.equal(await other.getAttribute("#load-error", "role"), "alert");
    await mkdir(outputDir, { recursive: true });
    await other.screenshot({ path: join(outputDir, "page-load-error.png"), fullPage: true });
  } finally {
    await other.close();
    await wrongRoot.close();
  }
});

test("no errors or warnings in the page console", () => {
  assert.deepEqual(pageErrors, []);
});
