// The demo page: the settings make one password Policy (length, class minimums, strength
// check, blocklist) and a Generator that obeys it. As the user types, every rule of the
// policy is shown as met or not met; each decision comes from Policy.validate in the
// passforge core, through WebAssembly.
import { Generator, Policy, StrengthCheck, scoreAvailable } from "passforge";

const $ = (id) => document.getElementById(id);
const form = $("settings");
const passwordInput = $("password");
const generateButton = $("generate");
const copyButton = $("copy");
const entropyOutput = $("entropy");
const settingsError = $("settings-error");
const feedbackList = $("feedback");
const feedbackSummary = $("feedback-summary");

/** Built from the current settings; null while the settings are invalid. */
let policy = null;
let generator = null;
/** The rules the policy holds, in the order validate reports them. */
let rules = [];

function readSettings() {
  const number = (id) => $(id).valueAsNumber;
  return {
    length: number("length"),
    lower: number("lower"),
    upper: number("upper"),
    digits: number("digits"),
    symbols: number("symbols"),
    blocklist: $("blocklist").checked,
    avoidAmbiguous: $("avoid-ambiguous").checked,
    strengthCheck: $("strength-check").value,
  };
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * One entry per rule: `id`, the text shown, and whether a violation breaks it (a
 * STRENGTH_CHECK_FAILED violation names its pattern as StrengthCheck.patterns gives it).
 */
function rulesOf(settings, patterns) {
  const list = [
    { id: "min_length", text: `At least ${plural(settings.length, "character")}`, breaks: (v) => v.code === "TOO_SHORT" },
  ];
  const classes = [
    ["lower", "lowercase letter", "INSUFFICIENT_LOWERCASE"],
    ["upper", "uppercase letter", "INSUFFICIENT_UPPERCASE"],
    ["digits", "digit", "INSUFFICIENT_DIGITS"],
    ["symbols", "symbol", "INSUFFICIENT_SYMBOLS"],
  ];
  for (const [key, noun, code] of classes) {
    if (settings[key] > 0) {
      list.push({ id: `min_${key}`, text: `At least ${plural(settings[key], noun)}`, breaks: (v) => v.code === code });
    }
  }
  for (const pattern of patterns) {
    list.push({
      id: `strength_check:${pattern}`,
      text: "Matches",
      pattern,
      breaks: (v) => v.code === "STRENGTH_CHECK_FAILED" && v.pattern === pattern,
    });
  }
  if (settings.blocklist) {
    list.push({ id: "blocklist", text: "Not a commonly used password", breaks: (v) => v.code === "IN_BLOCKLIST" });
  }
  return list;
}

function showSettingsError(error) {
  if (error === null) {
    settingsError.hidden = true;
    settingsError.textContent = "";
    return;
  }
  settingsError.hidden = false;
  settingsError.textContent = error.code ? `${error.message} (${error.code})` : error.message;
}

function applySettings() {
  generator?.free();
  policy?.free();
  generator = null;
  policy = null;
  rules = [];
  const settings = readSettings();
  try {
    for (const [key, value] of Object.entries(settings)) {
      if (typeof value === "number" && !Number.isInteger(value)) {
        throw new Error(`Enter a whole number for ${$(key).labels[0].textContent.toLowerCase()}.`);
      }
    }
    policy = new Policy({
      minLength: settings.length,
      minLower: settings.lower,
      minUpper: settings.upper,
      minDigits: settings.digits,
      minSymbols: settings.symbols,
      strengthCheck: settings.strengthCheck,
      blocklist: settings.blocklist,
    });
    const check = new StrengthCheck(settings.strengthCheck);
    rules = rulesOf(settings, check.patterns);
    check.free();
    // The same numbers as generator settings: checked against the policy, and every
    // password drawn is redrawn until it meets the rest (blocklist, patterns).
    const { blocklist, ...options } = settings;
    generator = new Generator({ ...options, policy });
    showSettingsError(null);
    entropyOutput.textContent = `${generator.entropyBits.toFixed(1)} bits (${generator.length} characters)`;
  } catch (error) {
    showSettingsError(error);
    entropyOutput.textContent = "–";
  }
  generateButton.disabled = generator === null;
  renderFeedback();
}

let announceTimer = 0;

function renderFeedback() {
  const password = passwordInput.value;
  feedbackList.replaceChildren();
  clearTimeout(announceTimer);
  if (policy === null) {
    announce("");
    return;
  }
  const { ok, violations } = policy.validate(password);
  let met = 0;
  for (const rule of rules) {
    const isMet = !violations.some(rule.breaks);
    if (isMet) met += 1;
    const item = document.createElement("li");
    item.dataset.rule = rule.id;
    item.dataset.met = String(isMet);
    const status = document.createElement("span");
    status.className = "status";
    status.textContent = isMet ? "Met" : "Not met";
    const text = document.createElement("span");
    text.className = "rule";
    text.textContent = rule.text;
    item.append(status, " ", text);
    if (rule.pattern !== undefined) {
      const code = document.createElement("code");
      code.textContent = rule.pattern;
      text.append(" ", code);
    }
    feedbackList.append(item);
  }
  const total = rules.length;
  const summary =
    password === ""
      ? ""
      : `${met} of ${total} rules met${ok ? ": the password complies with the policy." : "."}`;
  // Announce once typing pauses, not on every keystroke.
  announceTimer = setTimeout(() => announce(summary), password === "" ? 0 : 400);
}

function announce(text) {
  feedbackSummary.textContent = text;
}

generateButton.addEventListener("click", () => {
  if (generator === null) return;
  try {
    passwordInput.value = generator.generate();
    renderFeedback();
  } catch (error) {
    showSettingsError(error);
  }
});

copyButton.addEventListener("click", async () => {
  if (passwordInput.value === "") return;
  try {
    await navigator.clipboard.writeText(passwordInput.value);
    announce("Password copied.");
  } catch {
    passwordInput.select();
    announce("Copying is blocked here; the password is selected, press Ctrl+C.");
  }
});

$("score-note").textContent = scoreAvailable()
  ? "This build has the zxcvbn strength score (a policy's minScore)."
  : "No guessability score here: the npm package leaves zxcvbn out to stay small; the blocklist and the rules above apply.";

form.addEventListener("input", applySettings);
form.addEventListener("submit", (event) => event.preventDefault());
passwordInput.addEventListener("input", renderFeedback);

applySettings();
document.documentElement.dataset.ready = "true";
