export * from "../pkg/node/passforge.js";
