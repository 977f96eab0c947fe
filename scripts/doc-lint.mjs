#!/usr/bin/env node
// Doc lint, run by test/doc-lint.test.ts in `npm test`: every public member of the package's entry
// points (package.json "exports" but compat, whose API is @matrix-org/olm's) has a TSDoc comment,
// and every public method and exported function also a @throws tag: the OlmError codes, TypeError
// and RangeError it can throw, or "nothing". Uses the TypeScript compiler (no other dependency).
//   node scripts/doc-lint.mjs [entry.ts ...]   (default: the entry points' sources)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The sources of the package's entry points: each "exports" types path, dist/ -> src/, compat excluded. */
export function entryPoints() {
  const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const types = new Set();
  const walk = (value, key) => {
    if (typeof value === 'string') {
      if (key === 'types' && !value.includes('/compat/') && !value.includes('/cjs/')) types.add(value);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  for (const [subpath, value] of Object.entries(exports)) if (!subpath.startsWith('./compat')) walk(value, subpath);
  const sources = [];
  for (const path of types) {
    const source = join(root, path.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts'));
    if (existsSync(source)) sources.push(source);
    // A hand-written declaration (src/olm-wasm-url.d.ts) has no members to document; else the
    // mapping is out of date, and a silent skip would pass the lint over an entry point.
    else if (!existsSync(source.replace(/\.ts$/, '.d.ts'))) throw new Error(`doc-lint: no source for ${path}`);
  }
  return sources;
}

/** "file:line" of a declaration, the file relative to the repository. */
function whereIs(declaration) {
  const file = declaration.getSourceFile();
  return `${relative(root, file.fileName)}:${file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1}`;
}

/** Whether a declaration is private or protected (or a #private member). */
function hidden(declaration) {
  if (declaration.name !== undefined && ts.isPrivateIdentifier(declaration.name)) return true;
  return (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
}

/** A symbol's doc comment: its text and tag names. `export const { a, b } = ...` has one for the statement. */
function docOf(symbol, declaration, checker) {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const tags = symbol.getJsDocTags(checker).map((tag) => ({
    name: tag.name,
    text: ts.displayPartsToString(tag.text ?? []).trim(),
  }));
  if (text !== '' || !ts.isBindingElement(declaration)) return { text, tags };
  let node = declaration;
  while (node !== undefined && !ts.isVariableDeclaration(node)) node = node.parent;
  const docs = node === undefined ? [] : ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  return {
    text: docs
      .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
      .join('')
      .trim(),
    tags: docs.flatMap((doc) =>
      (doc.tags ?? []).map((tag) => ({
        name: tag.tagName.text,
        text: (ts.getTextOfJSDocComment(tag.comment) ?? '').trim(),
      })),
    ),
  };
}

/**
 * The gaps in `entries`' documentation, one line each ("file:line Name.member: what is missing");
 * [] when there are none.
 */
export function docLint(entries = entryPoints()) {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} };
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, host);
  const program = ts.createProgram(entries, { ...config?.options, noEmit: true });
  const checker = program.getTypeChecker();
  const resolved = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const problems = [];
  const seen = new Set();
  /** The OlmErrorCode names, when an entry point exports that type. */
  let codes;
  for (const entry of entries) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(entry) ?? entry);
    const codeType = module && checker.getExportsOfModule(module).find((symbol) => symbol.name === 'OlmErrorCode');
    if (codeType === undefined) continue;
    const type = checker.getDeclaredTypeOfSymbol(resolved(codeType));
    codes = new Set((type.isUnion() ? type.types : [type]).filter((t) => t.isStringLiteral()).map((t) => t.value));
    break;
  }
  const report = (symbol, name, needsThrows) => {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (declaration === undefined || seen.has(declaration)) return;
    seen.add(declaration);
    const file = declaration.getSourceFile();
    if (file.fileName.includes('/node_modules/')) return; // inherited from Error: not ours to document
    const where = whereIs(declaration);
    const doc = docOf(symbol, declaration, checker);
    const throws = doc.tags.filter((tag) => tag.name === 'throws');
    if (doc.text === '') problems.push(`${where} ${name}: no doc comment`);
    else if (needsThrows && throws.length === 0) problems.push(`${where} ${name}: no @throws`);
    for (const tag of throws) {
      if (tag.text === '') problems.push(`${where} ${name}: an empty @throws`);
      // "@throws OlmError A, B ...": every CODE_NAME there must be one of OlmErrorCode's.
      if (codes === undefined || !tag.text.startsWith('OlmError')) continue;
      for (const [code] of tag.text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) {
        if (!codes.has(code)) problems.push(`${where} ${name}: @throws names ${code}, not an OlmErrorCode`);
      }
    }
  };
  const callable = (symbol) =>
    (symbol.flags & ts.SymbolFlags.Function) !== 0 ||
    ((symbol.flags & ts.SymbolFlags.Variable) !== 0 && checker.getTypeOfSymbol(symbol).getCallSignatures().length > 0);
  const members = (type, owner, isStatic) => {
    for (const member of checker.getPropertiesOfType(type)) {
      const declaration = member.valueDeclaration ?? member.declarations?.[0];
      if (declaration === undefined || hidden(declaration) || member.name === 'prototype') continue;
      if (member.name.startsWith('__#')) continue; // #private
      const name = member.name.startsWith('__@') ? `[Symbol.${member.name.slice(3).split('@')[0]}]` : member.name;
      // Methods of classes must say what they throw; an interface's (Olm#toString) are plain data.
      const method = (member.flags & ts.SymbolFlags.Method) !== 0 && ts.isMethodDeclaration(declaration);
      report(member, `${owner}${isStatic ? '.' : '#'}${name}`, method);
    }
  };

  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    if (source === undefined) throw new Error(`doc-lint: cannot read ${entry}`);
    const module = checker.getSymbolAtLocation(source);
    if (module === undefined) continue;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = resolved(exported);
      const name = exported.name;
      if (symbol.flags & ts.SymbolFlags.Class) {
        report(symbol, name, false);
        members(checker.getDeclaredTypeOfSymbol(symbol), name, false);
        members(checker.getTypeOfSymbol(symbol), name, true);
        const constructors = (symbol.declarations ?? []).flatMap((declaration) =>
          ts.isClassDeclaration(declaration) ? declaration.members.filter(ts.isConstructorDeclaration) : [],
        );
        for (const constructor of constructors) {
          if (hidden(constructor) || seen.has(constructor)) continue;
          seen.add(constructor);
          const signature = checker.getSignatureFromDeclaration(constructor);
          if (ts.displayPartsToString(signature?.getDocumentationComment(checker) ?? []).trim() === '') {
            problems.push(`${whereIs(constructor)} ${name} constructor: no doc comment`);
          }
        }
      } else if (symbol.flags & ts.SymbolFlags.Interface) {
        report(symbol, name, false);
        members(checker.getDeclaredTypeOfSymbol(symbol), name, false);
      } else {
        report(symbol, name, callable(symbol));
      }
    }
  }
  return problems;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const problems = docLint(args.length > 0 ? args.map((path) => resolve(path)) : entryPoints());
  for (const problem of problems) console.log(problem);
  if (problems.length > 0) {
    console.log(`doc-lint: ${problems.length} problem(s) in the public API's docs`);
    process.exit(1);
  }
  console.log('doc-lint: every public member documented');
}
