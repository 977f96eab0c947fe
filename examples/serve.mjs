// A tiny static server for the browser example: the page from examples/browser/ at /, and the
// built package (dist/ of this repository, or an installed copy) under /olm-universal/.
//   npm run example               then open the printed http://127.0.0.1:PORT/
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** Serves `site` at / and `packageDir` (if given) at /olm-universal/ on 127.0.0.1. */
export function serve({ site, packageDir, port = 0 }) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const [base, rest] =
      packageDir && path.startsWith('/olm-universal/')
        ? [packageDir, path.slice('/olm-universal/'.length)]
        : [site, path.endsWith('/') ? `${path}index.html` : path];
    const file = join(base, rest);
    if (!file.startsWith(resolve(base)) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const port = Number(process.argv[2] ?? 8080);
  const server = await serve({ site: join(root, 'examples/browser'), packageDir: root, port });
  console.log(`Alice and Bob: http://127.0.0.1:${server.address().port}/  (Ctrl-C stops)`);
}
