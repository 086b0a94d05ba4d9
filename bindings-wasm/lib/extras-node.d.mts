export * from "../pkg/node/extras.js";
