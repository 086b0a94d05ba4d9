// Browsers, Deno and bundlers: the `web` build of `passforge/extras` (tokens, one-time
// codes, reset tokens, security answers, expiry and time, resolvePso,
// policyJsonFromToml), a module of its own that a page loads only when it needs it
// (`await import("passforge/extras")`); instantiated before this module finishes
// loading. Its .wasm ships once, next to the Node glue.
import init from "../pkg/web/extras.js";

await init({ module_or_path: new URL("../pkg/node/extras_bg.wasm", import.meta.url) });

export * from "../pkg/web/extras.js";
