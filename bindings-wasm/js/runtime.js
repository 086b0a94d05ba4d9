// The package's own JavaScript: the runtime `PassforgeError`, and the checks and
// `util.inspect` support every class gets. build.sh appends this file to both
// wasm-bindgen glue files (pkg/node/passforge.js, CommonJS, and pkg/web/passforge.js, an
// ES module), each followed by its format's few lines that install it and export
// `PassforgeError` and `isPassforgeError`; so `require`, `import` and the browser build
// share one definition and the types (src/lib.rs, TS_ERRORS) describe what the glue
// exports. It is a script fragment: no import or export of its own, and no top-level
// name besides the three below (the glue defines none of them).

/**
 * What passforge throws. The errors themselves are made in Rust as an `Error`,
 * `TypeError` or `RangeError` named "PassforgeError" with a `code`, so that
 * `instanceof TypeError` keeps working; `instanceof PassforgeError` recognises all three
 * through `Symbol.hasInstance`.
 */
class PassforgeError extends Error {
  constructor(message, options) {
    if (typeof options?.code !== "string") {
      throw new TypeError("new PassforgeError(message, { code }): code must be a string");
    }
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "PassforgeError";
    this.code = options.code;
  }

  static [Symbol.hasInstance](value) {
    // A caller's subclass keeps the ordinary prototype test.
    if (this !== PassforgeError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return isPassforgeError(value);
  }
}

/** An `Error` (from any realm) named "PassforgeError" with a string `code`. */
function isPassforgeError(value) {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.prototype.toString.call(value) === "[object Error]" &&
    value.name === "PassforgeError" &&
    typeof value.code === "string"
  );
}

/**
 * The error for a value that is not a string where the module copies in a string
 * (build.sh puts the check into wasm-bindgen's `passStringToWasm0`). The value itself is
 * not shown: it may be a secret of the wrong type.
 */
function passforgeNotAString(value) {
  const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
  return Object.assign(new TypeError(`a string argument was expected, got ${got}`), {
    name: "PassforgeError",
    code: "INVALID_ARGUMENT",
  });
}

/**
 * Wraps every method, getter and static method of the glue's classes so that a freed
 * object (after `free()`, a `using` block, or a call that took it over) is refused with a
 * PassforgeError (INVALID_ARGUMENT, a TypeError) instead of wasm-bindgen's "null pointer
 * passed to rust"; makes `free()` (and `Symbol.dispose`) safe to call twice; gives a
 * class without a `toJSON` of its own one that shows nothing (`{}`, not the pointer:
 * those classes hold a secret or nothing worth showing); and gives each class a
 * `util.inspect` form built from its `toJSON()` (which never holds a secret).
 */
function installPassforgeRuntime(glue) {
  "use strict"; // the CommonJS glue is sloppy: a detached method would see globalThis
  const classes = new Map();
  for (const name of Object.keys(glue)) {
    const value = name === "PassforgeError" ? undefined : glue[name];
    if (typeof value === "function" && typeof value.prototype?.free === "function") {
      classes.set(value.prototype, value.name);
    }
  }
  const invalid = (message) =>
    Object.assign(new TypeError(message), { name: "PassforgeError", code: "INVALID_ARGUMENT" });
  const freed = (what) =>
    invalid(
      `${what} was freed (by free(), a \`using\` block, or a call that took it over); ` +
        "make a new one",
    );
  const isLive = (object) => typeof object?.__wbg_ptr === "number" && object.__wbg_ptr !== 0;
  const checkArguments = (where, args) => {
    args.forEach((arg, i) => {
      const className = arg !== null && typeof arg === "object" && classes.get(Object.getPrototypeOf(arg));
      if (className && !isLive(arg)) throw freed(`${where}: argument ${i + 1} (a ${className})`);
    });
  };
  const instanceCall = (className, where, f) =>
    function passforgeMethod(...args) {
      if (!isLive(this)) {
        if (this?.__wbg_ptr === 0) throw freed(`${where}: this ${className}`);
        throw invalid(
          `${where} was called on ${this === null ? "null" : typeof this}, not on a ${className} ` +
            "(call it as a method, or bind it)",
        );
      }
      checkArguments(where, args);
      return f.apply(this, args);
    };
  const staticCall = (where, f) =>
    function passforgeStatic(...args) {
      checkArguments(where, args);
      return f.apply(this, args);
    };
  const inspect = Symbol.for("nodejs.util.inspect.custom");

  for (const [prototype, className] of classes) {
    for (const key of Object.getOwnPropertyNames(prototype)) {
      if (key === "constructor" || key === "free" || key === "__destroy_into_raw") continue;
      const d = Object.getOwnPropertyDescriptor(prototype, key);
      const where = `${className}.${key}`;
      if (typeof d.value === "function") d.value = instanceCall(className, where, d.value);
      if (typeof d.get === "function") d.get = instanceCall(className, where, d.get);
      if (typeof d.set === "function") d.set = instanceCall(className, where, d.set);
      Object.defineProperty(prototype, key, d);
    }
    const free = prototype.free;
    prototype.free = function passforgeFree() {
      if (isLive(this)) free.call(this);
    };
    if (typeof Symbol.dispose === "symbol" && Symbol.dispose in prototype) {
      prototype[Symbol.dispose] = prototype.free;
    }
    if (!Object.hasOwn(prototype, "toJSON")) {
      Object.defineProperty(prototype, "toJSON", {
        configurable: true,
        writable: true,
        value: instanceCall(className, `${className}.toJSON`, () => ({})),
      });
    }
    const constructor = prototype.constructor;
    for (const key of Object.getOwnPropertyNames(constructor)) {
      const d = Object.getOwnPropertyDescriptor(constructor, key);
      if (key.startsWith("__") || typeof d.value !== "function") continue;
      d.value = staticCall(`${className}.${key}`, d.value);
      Object.defineProperty(constructor, key, d);
    }
    Object.defineProperty(prototype, inspect, {
      configurable: true,
      writable: true,
      value(depth, options, nodeInspect) {
        if (!isLive(this)) return `${className} <freed>`;
        if (depth < 0) return `[${className}]`;
        const value = this.toJSON();
        const inner =
          typeof nodeInspect === "function"
            ? nodeInspect(value, { ...options, depth: options.depth === null ? null : options.depth - 1 })
            : JSON.stringify(value);
        return `${className} ${inner}`;
      },
    });
  }
}
