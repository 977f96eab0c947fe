// Node's `import` of the package loads the CommonJS build through small ES module wrappers
// (dist/node-import/, made by scripts/esm-wrappers.mjs), so that import and require share one copy
// of the library. A wrapper's `backendName` (compat's `backend`) is a binding of its own, which
// cannot follow the CommonJS property: the wrappers register here to refresh it after each init().
const listeners = new Set<() => void>();

export function afterInit(listener: () => void): void {
  listeners.add(listener);
}

export function initialised(): void {
  for (const listener of listeners) listener();
}
