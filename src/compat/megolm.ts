// The reference's Megolm classes over OutboundGroupSession / InboundGroupSession.
import type { InboundGroupSession as Inbound, OutboundGroupSession as Outbound } from '../api/library.js';
import { lenientText, library, Pickled } from './wrapper.js';

export class OutboundGroupSession extends Pickled<Outbound> {
  create(): void {
    this.hold(() => library().OutboundGroupSession.create());
  }

  protected restore(pickle: string, key: string | Uint8Array): Outbound {
    return library().OutboundGroupSession.unpickle(pickle, key);
  }

  encrypt(plaintext: string): string {
    return this.use((session) => session.encrypt(plaintext));
  }

  session_id(): string {
    return this.use((session) => session.sessionId);
  }

  session_key(): string {
    return this.use((session) => session.sessionKey);
  }

  message_index(): number {
    return this.use((session) => session.messageIndex);
  }
}

export class InboundGroupSession extends Pickled<Inbound> {
  // The reference's index.d.ts declares these two as returning string; they return undefined.
  // Same here, so that this class type-checks wherever the reference's does.
  create(session_key: string): string {
    this.hold(() => library().InboundGroupSession.create(session_key));
    return undefined as never;
  }

  import_session(session_key: string): string {
    this.hold(() => library().InboundGroupSession.import(session_key));
    return undefined as never;
  }

  protected restore(pickle: string, key: string | Uint8Array): Inbound {
    return library().InboundGroupSession.unpickle(pickle, key);
  }

  decrypt(message: string): { message_index: number; plaintext: string } {
    const { plaintext, messageIndex } = this.use((session) => session.decryptBytes(message));
    return { plaintext: lenientText(plaintext), message_index: messageIndex };
  }

  session_id(): string {
    return this.use((session) => session.sessionId);
  }

  first_known_index(): number {
    return this.use((session) => session.firstKnownIndex);
  }

  export_session(message_index: number): string {
    return this.use((session) => session.export(message_index));
  }
}
