// A tiny static file server for the browser test and the demo page: 127.0.0.1, GET and
// HEAD only, nothing outside `root`.
//
//   npm run demo            # serves bindings-wasm/ and prints the page's address
//   PORT=9000 npm run demo
//
// The page (www/index.html) loads the package from ../lib/web.js, so the root served
// must be the package folder, not www/.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/** Serves `root` on `port` (0: any free one); resolves to `{ url, close }` once listening. */
export async function startServer(root, port = 0) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    const file = normalize(join(root, path));
    const type = TYPES[extname(file)];
    if (!["GET", "HEAD"].includes(request.method) || !file.startsWith(root + sep) || !type) {
      response.writeHead(404).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

// `node test/browser/server.mjs` (npm run demo): the package folder, until Ctrl+C.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/[/\\]$/, "");
  const { url } = await startServer(root, Number(process.env.PORT ?? 8080));
  console.log(`passforge demo page: ${url}/www/ (serving ${root}; Ctrl+C stops)`);
}
