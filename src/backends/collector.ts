// Frees the objects users forget, for both backends: a FinalizationRegistry, entered lazily.
// Registering and unregistering costs ~450 ns per object (V8 makes a WeakCell and a token entry),
// more than creating and freeing most objects. So a new handle waits in a short list and is
// registered only once it outlives the current synchronous run (a microtask) or the list fills
// (64 handles): an object created and freed in between never touches the registry. A forgotten
// object is thus registered at most 64 creations or one microtask late, then freed by the GC.

const BATCH = 64;

/** A backend's handle: the collector notes on it whether it is in the registry. */
export interface Watched {
  registered: boolean;
}

export class Collector<H extends Watched, T> {
  readonly #registry: FinalizationRegistry<T>;
  /** New handles and what their finalizer gets, not registered yet (undefined: freed since). */
  readonly #handles: Array<H | undefined> = [];
  readonly #held: T[] = [];
  #scheduled = false;

  constructor(finalize: (held: T) => void) {
    this.#registry = new FinalizationRegistry(finalize);
  }

  /** Starts watching `handle`: `held` goes to the finalizer if it is collected while live. */
  watch(handle: H, held: T): void {
    this.#handles.push(handle);
    this.#held.push(held);
    if (this.#handles.length >= BATCH) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Stops watching `handle` (it was freed). */
  forget(handle: H): void {
    if (handle.registered) {
      handle.registered = false;
      this.#registry.unregister(handle);
      return;
    }
    // Still pending: dropped from the list (usually its last entry).
    const handles = this.#handles;
    for (let i = handles.length - 1; i >= 0; i--) {
      if (handles[i] !== handle) continue;
      if (i === handles.length - 1) {
        handles.pop();
        this.#held.pop();
      } else {
        handles[i] = undefined;
      }
      return;
    }
  }

  /** Registers every pending handle. */
  flush(): void {
    this.#scheduled = false;
    const handles = this.#handles;
    const held = this.#held;
    for (let i = 0; i < handles.length; i++) {
      const handle = handles[i];
      if (handle === undefined) continue;
      this.#registry.register(handle, held[i]!, handle);
      handle.registered = true;
    }
    handles.length = 0;
    held.length = 0;
  }
}
