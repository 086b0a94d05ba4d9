// The demo page (www/) in a real headless Chromium: the vector corpus run in the page,
// live strength-check feedback, Generate, and a screenshot in test-output/.
//
// Uses the system Chromium (/usr/bin/chromium, or PASSFORGE_CHROMIUM); never downloads one.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";

import * as passforge from "passforge";
import { chromium } from "playwright-core";

import { loadCorpus } from "../corpus.mjs";
import { runCorpus } from "../vectors-runner.js";
import { startServer } from "./server.mjs";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const outputDir = join(packageRoot, "test-output");
const executablePath = process.env.PASSFORGE_CHROMIUM ?? "/usr/bin/chromium";

// The page's default settings (www/index.html).
const DEFAULTS = {
  length: 12,
  lower: 6,
  upper: 2,
  digits: 2,
  symbols: 2,
  avoidAmbiguous: false,
  strengthCheck: "'^.{12,}$', '[a-z]', '[A-Z]', '[0-9]', '[^a-zA-Z0-9]'",
};

let server;
let userDataDir;
let context;
let page;
const pageErrors = [];

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
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      pageErrors.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  await page.goto(`${server.url}/www/index.html`);
  await page.waitForSelector("html[data-ready=true]");
});

after(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** The rendered feedback: one `{ pattern, met, status }` per rule. */
function feedback() {
  return page.$$eval("#feedback li", (items) =>
    items.map((li) => ({
      pattern: li.querySelector("code").textContent,
      met: li.dataset.met === "true",
      status: li.querySelector(".status").textContent,
    })),
  );
}

async function typePassword(text) {
  const input = page.locator("#password");
  await input.fill("");
  await input.pressSequentially(text);
}

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

test("the entropy shown is the core's", async () => {
  const expected = new passforge.Generator(DEFAULTS);
  assert.equal(
    await page.textContent("#entropy"),
    `${expected.entropyBits.toFixed(1)} bits (12 characters)`,
  );
});

test("live feedback for a weak, then a compliant password", async () => {
  const patterns = new passforge.StrengthCheck(DEFAULTS.strengthCheck).patterns;

  await typePassword("abc");
  assert.deepEqual(await feedback(), [
    { pattern: patterns[0], met: false, status: "Not met" },
    { pattern: patterns[1], met: true, status: "Met" },
    { pattern: patterns[2], met: false, status: "Not met" },
    { pattern: patterns[3], met: false, status: "Not met" },
    { pattern: patterns[4], met: false, status: "Not met" },
  ]);
  await page.waitForFunction(
    () => document.querySelector("#feedback-summary").textContent === "1 of 5 rules met.",
  );
  await mkdir(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, "page-weak.png"), fullPage: true });

  await typePassword("Correct-Horse-9-battery");
  assert.deepEqual(
    (await feedback()).map((f) => f.met),
    [true, true, true, true, true],
  );
  await page.waitForFunction(
    () =>
      document.querySelector("#feedback-summary").textContent ===
      "5 of 5 rules met: the password passes the strength check.",
  );
  assert.equal(await page.getAttribute("#feedback-summary", "role"), "status");
});

test("Generate fills a password that complies with the settings", async () => {
  await page.click("#generate");
  const password = await page.inputValue("#password");
  assert.equal([...password].length, 12);
  const count = (re) => (password.match(re) ?? []).length;
  assert.ok(count(/[a-z]/g) >= 6, password);
  assert.ok(count(/[A-Z]/g) >= 2, password);
  assert.ok(count(/[0-9]/g) >= 2, password);
  assert.ok(count(/[^a-zA-Z0-9]/g) >= 2, password);
  assert.ok(new passforge.StrengthCheck(DEFAULTS.strengthCheck).isMatch(password));
  assert.ok((await feedback()).every((f) => f.met));

  await mkdir(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, "page.png"), fullPage: true });

  await page.click("#generate");
  assert.notEqual(await page.inputValue("#password"), password, "each click draws anew");
});

test("invalid settings show the core's error and disable Generate", async () => {
  await page.fill("#digits", "2000");
  await page.waitForSelector("#settings-error:not([hidden])");
  assert.match(await page.textContent("#settings-error"), /\(LENGTH_TOO_LARGE\)$/);
  assert.equal(await page.isDisabled("#generate"), true);
  await page.fill("#digits", "2");
  await page.waitForSelector("#settings-error", { state: "hidden" });
  assert.equal(await page.isDisabled("#generate"), false);

  await page.fill("#strength-check", "'(?=x)'");
  assert.match(await page.textContent("#settings-error"), /\(STRENGTH_CHECK_PATTERN\)$/);
  await page.fill("#strength-check", DEFAULTS.strengthCheck);
  await page.waitForSelector("#settings-error", { state: "hidden" });
});

test("no errors or warnings in the page console", () => {
  assert.deepEqual(pageErrors, []);
});
