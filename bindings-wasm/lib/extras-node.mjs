// Node `import` of `passforge/extras`: re-exports the CommonJS `nodejs` build of the
// extras module, so `import` and `require` share one instance of it.
export * from "../pkg/node/extras.js";
