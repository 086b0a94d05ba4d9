export * from "../pkg/web/passforge.js";
