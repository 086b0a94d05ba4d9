export * from "../pkg/web/extras.js";
