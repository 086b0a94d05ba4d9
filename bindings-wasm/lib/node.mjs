// Node `import`: re-exports the CommonJS `nodejs` build, so `import` and `require` share
// one instance of the module (no dual-package hazard).
export * from "../pkg/node/passforge.js";
