// Reusable memory for the temporary buffers of one call (copies libolm overwrites, text outputs).
// A fresh ArrayBuffer over 64 bytes costs more than many libolm calls, so short operations take
// their temporaries from here instead. Every byte handed out is wiped when it is released, so the
// arena holds nothing between calls and take() always returns zeroed memory.
import { ASCII_MAX_PAGES, asciiWasm } from './ascii-wasm.js';

const PAGE = 1 << 16;
const MAX_ARENA = ASCII_MAX_PAGES * PAGE;
const encoder = new TextEncoder();

export class Scratch {
  // Views of it are made with new Uint8Array(buffer, offset, length), not subarray(), which looks
  // up a species constructor first (its byteOffset is 0).
  // In browsers, the memory of ascii-wasm.ts's module, which writes ASCII strings into it.
  readonly #ascii = asciiWasm();
  #arena = this.#ascii !== undefined ? new Uint8Array(this.#ascii.memory.buffer) : new Uint8Array(4096);
  // Virtual top: offsets past the arena's end belong to overflow buffers, so marks stay ordered.
  #top = 0;
  #highWater = 0;
  readonly #overflow: Array<{ offset: number; bytes: Uint8Array }> = [];

  /** The current top, to pass to release() when the buffers taken after it are done with. */
  mark(): number {
    return this.#top;
  }

  /** `length` zeroed bytes, valid until release() of a mark taken before this call. */
  take(length: number): Uint8Array {
    // 8-byte aligned: libolm writes a uint32_t through some pointers.
    const offset = (this.#top + 7) & ~7;
    this.#top = offset + length;
    if (this.#top <= this.#arena.length) return new Uint8Array(this.#arena.buffer, offset, length);
    const bytes = new Uint8Array(length);
    this.#overflow.push({ offset, bytes });
    return bytes;
  }

  /** The UTF-8 bytes of `text`, like take(): encoded straight into the arena when it fits. */
  encode(text: string): Uint8Array {
    const free = this.#arena.length - this.#top;
    if (this.#ascii !== undefined && text.length <= free) {
      const written = this.#ascii.encode(text, this.#top, free);
      if (written >= 0) {
        const offset = this.#top;
        this.#top += written;
        return new Uint8Array(this.#arena.buffer, offset, written);
      }
    }
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > free) {
      // Grow to fit the worst case next time, not just the bytes this text needed.
      this.#highWater = Math.max(this.#highWater, this.#top + text.length * 3);
      const bytes = encoder.encode(text);
      this.#overflow.push({ offset: this.#top, bytes });
      this.#top += bytes.byteLength;
      return bytes;
    }
    const offset = this.#top;
    const buffer = this.#arena.buffer;
    const { written } = encoder.encodeInto(text, new Uint8Array(buffer, offset, free));
    this.#top += written;
    return new Uint8Array(buffer, offset, written);
  }

  /** Wipes and gives back everything taken since `mark`. */
  release(mark: number): void {
    // Nothing taken since the mark (most calls): nothing to wipe, and no growth is pending.
    if (this.#top === mark) return;
    const arena = this.#arena;
    if (this.#top > mark && mark < arena.length) arena.fill(0, mark, Math.min(this.#top, arena.length));
    const overflow = this.#overflow;
    while (overflow.length > 0 && overflow[overflow.length - 1]!.offset >= mark) overflow.pop()!.bytes.fill(0);
    this.#highWater = Math.max(this.#highWater, this.#top);
    this.#top = mark;
    // Grow when nothing is taken, to the largest size seen (capped: huge messages allocate).
    if (mark === 0 && this.#highWater > arena.length && arena.length < MAX_ARENA) {
      const size = Math.min(MAX_ARENA, 2 ** Math.ceil(Math.log2(this.#highWater)));
      if (this.#ascii === undefined) this.#arena = new Uint8Array(size);
      else {
        // Nothing is taken, so no view of the memory outlives growing it.
        this.#ascii.grow(size / PAGE - arena.length / PAGE);
        this.#arena = new Uint8Array(this.#ascii.memory.buffer);
      }
    }
  }
}
