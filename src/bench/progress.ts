// Progress on stderr: one live line rewritten in place on a terminal, plain lines otherwise (CI logs).
export class Progress {
  private live = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get isTTY(): boolean {
    return this.stream.isTTY === true;
  }

  /** A passing state (only shown on a terminal). */
  update(text: string): void {
    if (!this.isTTY) return;
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    this.stream.write(`\r\x1b[K${text.slice(0, width)}`);
    this.live = true;
  }

  /** A line that stays (on a terminal it replaces the live line). */
  line(text: string): void {
    if (this.live) this.stream.write('\r\x1b[K');
    this.live = false;
    this.stream.write(`${text}\n`);
  }

  done(): void {
    if (this.live) this.stream.write('\r\x1b[K');
    this.live = false;
  }
}
