// The demo page: the settings make one password Policy (length, class minimums, strength
// check, blocklist) and a Generator that obeys it. As the user types, every rule of the
// policy is shown as met or not met; each decision comes from Policy.validate in the
// passforge core, through WebAssembly.
//
// The page needs the package next to it: serve bindings-wasm/ (`npm run demo`) and open
// /www/. When the module cannot be loaded (www/ served on its own, an old browser), the
// page says so instead of doing nothing.
const $ = (id) => document.getElementById(id);

let passforge;
try {
  passforge = await import("passforge");
} catch (error) {
  const loadError = $("load-error");
  loadError.hidden = false;
  loadError.textContent =
    "The passforge module could not be loaded, so nothing on this page works. " +
    "Serve the package folder (bindings-wasm/) rather than www/ alone: run `npm run demo` " +
    `there and open the address it prints. (${error.message})`;
  $("settings").inert = true;
  $("password-section").inert = true;
  document.documentElement.dataset.ready = "error";
  throw error;
}
const { Generator, Policy, StrengthCheck, scoreAvailable } = passforge;

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
    operatorBlocklist: $("operator-blocklist").value,
    avoid_ambiguous: $("avoid-ambiguous").checked,
    strength_check: $("strength-check").value,
  };
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The entries of an operator's blocklist text, as Policy.withBlocklist reads it. */
const blocklistEntries = (text) =>
  text.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));

/**
 * One entry per rule: `id`, the text shown, and whether a violation breaks it (a
 * STRENGTH_CHECK_FAILED violation names its pattern as StrengthCheck.patterns gives it;
 * IN_BLOCKLIST says which list by its `source`). `vacuous` rules are shown as pending for
 * an empty password: no password is not "not a common password".
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
    list.push({
      id: "blocklist",
      text: "Not a commonly used password",
      vacuous: true,
      breaks: (v) => v.code === "IN_BLOCKLIST" && v.source === "common",
    });
  }
  if (blocklistEntries(settings.operatorBlocklist).length > 0) {
    list.push({
      id: "operator_blocklist",
      text: "Not on this site's list of refused passwords",
      vacuous: true,
      breaks: (v) => v.code === "IN_BLOCKLIST" && v.source === "operator",
    });
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
  settingsError.textContent = readableError(error);
}

/** Where each setting's error comes from, for the sentence the page shows. */
const SETTING_NAMES = {
  POLICY_STRENGTH_CHECK: "The strength check",
  STRENGTH_CHECK_SYNTAX: "The strength check",
  STRENGTH_CHECK_PATTERN: "The strength check",
  STRENGTH_CHECK_TOO_LONG: "The strength check",
  STRENGTH_CHECK_TOO_MANY: "The strength check",
};

/**
 * A passforge error as one readable sentence: the core's message once, without its code
 * and without the "policy:"-style prefixes that name what was read, starting with a
 * capital and ending with a full stop.
 */
function readableError(error) {
  let text = String(error.message ?? error);
  const lead = passforge.isPassforgeError(error) ? SETTING_NAMES[error.code] : undefined;
  // Drop leading "thing: " prefixes (each layer names what it read); keep the last part.
  const parts = text.split(/:\s+/);
  if (lead !== undefined && parts.length > 1) text = parts.slice(1).join(": ");
  text = text.charAt(0).toUpperCase() + text.slice(1);
  if (lead !== undefined) text = `${lead}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
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
    const base = new Policy({
      min_length: settings.length,
      min_lower: settings.lower,
      min_upper: settings.upper,
      min_digits: settings.digits,
      min_symbols: settings.symbols,
      strength_check: settings.strength_check,
      blocklist: settings.blocklist,
    });
    if (blocklistEntries(settings.operatorBlocklist).length > 0) {
      policy = base.withBlocklist(settings.operatorBlocklist);
      base.free();
    } else {
      policy = base;
    }
    const check = new StrengthCheck(settings.strength_check);
    rules = rulesOf(settings, check.patterns);
    check.free();
    // The same numbers as generator settings: checked against the policy, and every
    // password drawn is redrawn until it meets the rest (blocklist, patterns).
    const { blocklist, operatorBlocklist, ...options } = settings;
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
    const pending = password === "" && rule.vacuous === true;
    const isMet = !pending && !violations.some(rule.breaks);
    if (isMet) met += 1;
    const item = document.createElement("li");
    item.dataset.rule = rule.id;
    item.dataset.met = pending ? "pending" : String(isMet);
    const status = document.createElement("span");
    status.className = "status";
    status.textContent = pending ? "Not checked" : isMet ? "Met" : "Not met";
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
