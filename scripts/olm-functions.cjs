// Lists libolm's public C functions and object kinds, read from its own headers, so neither
// backend keeps a hand-written copy of the API.
//   node scripts/olm-functions.cjs --header DIR   writes DIR/olm_functions.h and DIR/olm_kinds.h
//                                                 (X-macro lists for native/addon.cc) and prints
//                                                 DIR, for binding.gyp
//   node scripts/olm-functions.cjs --kinds        prints the object kinds as JSON (src/binding/functions.ts's
//                                                 KINDS is checked against it by
//                                                 test/return-values.test.ts)
//   node scripts/olm-functions.cjs --wasm-exports prints emcc's EXPORTED_FUNCTIONS as JSON
//   node scripts/olm-functions.cjs --shapes       prints the argument shape (src/binding/functions.ts) of
//                                                 each operation of native/ops/ops.h, derived from
//                                                 its prototype, as JSON (checked against
//                                                 binding/functions.ts by test/return-values.test.ts)
//   node scripts/olm-functions.cjs --results      prints each function's C result type as JSON
//                                                 (src/binding/functions.ts's RESULT_TYPES is checked
//                                                 against it by test/return-values.test.ts)
'use strict';
const fs = require('fs');
const path = require('path');
const include = path.join(__dirname, '..', 'vendor', 'olm', 'include', 'olm');
const HEADERS = ['olm.h', 'outbound_group_session.h', 'inbound_group_session.h', 'pk.h', 'sas.h'].map((name) =>
  path.join(include, name),
);
// Ours, reached the same way: the seeded generator and the operations layer.
HEADERS.push(path.join(__dirname, '..', 'native', 'crypto', 'drbg.h'), path.join(__dirname, '..', 'native', 'ops', 'ops.h'));

// The addon reaches constructors and olm_clear_* only through create()/free() (constructors
// return raw object pointers; a cleared live handle would be a trap); the WASM glue calls them.
function functions({ withLifetime, results = {} }) {
  const names = [];
  for (const header of HEADERS) {
    const text = fs.readFileSync(header, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of text.matchAll(/OLM_EXPORT\s+([^;(]*?)\b(olm_\w+)\s*\(/g)) {
      const [, returns, name] = m;
      const lifetime = (returns.includes('*') && !returns.includes('char')) || name.startsWith('olm_clear_');
      if (lifetime && !withLifetime) continue;
      names.push(name);
      results[name] = returns
        .replace(/\bOLM_DEPRECATED\w*/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    }
  }
  return names;
}

/**
 * The Olm object kinds, in header order, with their C types: every olm_<kind>_size() that has an
 * initialiser olm_<kind>() returning the object's pointer and a destructor olm_clear_<kind>().
 */
function kinds() {
  const results = {};
  const names = new Set(functions({ withLifetime: true, results }));
  const found = [];
  for (const name of names) {
    const kind = /^olm_(\w+)_size$/.exec(name)?.[1];
    if (kind === undefined || !names.has(`olm_clear_${kind}`)) continue;
    const type = /^(Olm\w+) \*$/.exec(results[`olm_${kind}`] ?? '')?.[1];
    if (type !== undefined) found.push({ kind, type });
  }
  return found;
}

/**
 * Each operation's shape from its parameters: an Olm object pointer is 'h'; `random_state` and
 * `out` (each with its length) are 'g' and 'r'; any other const pointer with a length is an input
 * 'b', a non-const one is written in place 'd'; a uint32_t pointer is 'p'; a number 'n'.
 */
function operationShapes() {
  const text = fs.readFileSync(HEADERS[HEADERS.length - 1], 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const shapes = {};
  for (const m of text.matchAll(/OLM_EXPORT\s+int\s+(olm_op_\w+)\s*\(([^)]*)\)/g)) {
    const params = m[2].split(',').map((p) => p.replace(/\s+/g, ' ').trim());
    let shape = '';
    for (let i = 0; i < params.length; i++) {
      const param = params[i];
      const name = /(\w+)$/.exec(param)[1];
      const hasLength = params[i + 1] !== undefined && /^size_t \w+_length$/.test(params[i + 1]);
      if (/^Olm\w+ \*/.test(param)) shape += 'h';
      else if (/^uint32_t \*/.test(param)) shape += 'p';
      else if (/\*/.test(param) && hasLength) {
        shape += name === 'random_state' ? 'g' : name === 'out' ? 'r' : param.startsWith('const ') ? 'b' : 'd';
        i++;
      } else if (/^(size_t|uint32_t) \w+$/.test(param)) shape += 'n';
      else throw new Error(`olm-functions.cjs: ${m[1]}: cannot classify "${param}"`);
    }
    shapes[m[1]] = shape;
  }
  return shapes;
}

const [mode, dir] = process.argv.slice(2);
if (mode === '--header') {
  fs.mkdirSync(dir, { recursive: true });
  const body = functions({ withLifetime: false })
    .map((n) => `  X(${n})`)
    .join(' \\\n');
  const text = `// Generated by scripts/olm-functions.cjs from libolm's headers.\n#define OLM_FUNCTIONS(X) \\\n${body}\n`;
  const file = path.join(dir, 'olm_functions.h');
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  const kindList = kinds()
    .map(({ kind, type }) => `  X(${kind}, ${type})`)
    .join(' \\\n');
  const kindText = `// Generated by scripts/olm-functions.cjs from libolm's headers: X(kind, C type).\n#define OLM_KINDS(X) \\\n${kindList}\n`;
  const kindFile = path.join(dir, 'olm_kinds.h');
  if (!fs.existsSync(kindFile) || fs.readFileSync(kindFile, 'utf8') !== kindText) fs.writeFileSync(kindFile, kindText);
  console.log(dir);
} else if (mode === '--kinds') {
  console.log(JSON.stringify(kinds().map(({ kind }) => kind)));
} else if (mode === '--wasm-exports') {
  console.log(
    JSON.stringify(
      [...functions({ withLifetime: true }), 'olm_universal_primitives', 'olm_universal_hardening', 'malloc', 'free'].map(
        (n) => `_${n}`,
      ),
    ),
  );
} else if (mode === '--shapes') {
  console.log(JSON.stringify(operationShapes()));
} else if (mode === '--results') {
  const results = {};
  functions({ withLifetime: false, results });
  console.log(JSON.stringify(results));
} else {
  console.error('usage: olm-functions.cjs --header DIR | --kinds | --wasm-exports | --shapes | --results');
  process.exit(2);
}
