// The demo page: settings → Generator (entropy, Generate), strength check → live feedback.
// Every met / not-met decision comes from the passforge core through WebAssembly.
import { Generator, StrengthCheck } from "passforge";

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
let generator = null;
let check = null;

function readOptions() {
  const number = (id) => $(id).valueAsNumber;
  return {
    length: number("length"),
    lower: number("lower"),
    upper: number("upper"),
    digits: number("digits"),
    symbols: number("symbols"),
    avoidAmbiguous: $("avoid-ambiguous").checked,
    strengthCheck: $("strength-check").value,
  };
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
  check?.free();
  generator = null;
  check = null;
  const options = readOptions();
  try {
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === "number" && !Number.isInteger(value)) {
        throw new Error(`Enter a whole number for ${$(key).labels[0].textContent.toLowerCase()}.`);
      }
    }
    check = new StrengthCheck(options.strengthCheck);
    generator = new Generator(options);
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
  if (check === null) {
    announce("");
    return;
  }
  const failing = new Set(check.failures(password));
  check.patterns.forEach((pattern, index) => {
    const met = !failing.has(index);
    const item = document.createElement("li");
    item.dataset.met = String(met);
    const status = document.createElement("span");
    status.className = "status";
    status.textContent = met ? "Met" : "Not met";
    const code = document.createElement("code");
    code.textContent = pattern;
    item.append(status, " ", code);
    feedbackList.append(item);
  });
  const total = check.patterns.length;
  const met = total - failing.size;
  // Announce once typing pauses, not on every keystroke.
  clearTimeout(announceTimer);
  const summary =
    password === ""
      ? ""
      : total === 0
        ? "No strength-check rules."
        : `${met} of ${total} rules met${met === total ? ": the password passes the strength check." : "."}`;
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

form.addEventListener("input", applySettings);
form.addEventListener("submit", (event) => event.preventDefault());
passwordInput.addEventListener("input", renderFeedback);

applySettings();
document.documentElement.dataset.ready = "true";
