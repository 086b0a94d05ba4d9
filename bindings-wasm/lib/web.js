// Browsers, Deno and bundlers: the `web` build, instantiated before this module finishes
// loading (top-level await), so `import { Generator } from "passforge"` is ready to use.
// The package ships one .wasm, next to the Node glue; bundlers pick it up through
// `new URL(…, import.meta.url)`.
import init from "../pkg/web/passforge.js";

await init({ module_or_path: new URL("../pkg/node/passforge_bg.wasm", import.meta.url) });

export * from "../pkg/web/passforge.js";
