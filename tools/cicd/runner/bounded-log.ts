/**
 * A run's log with a size limit: the first quarter of the limit and the most recent rest are
 * kept, and the middle is replaced by a line saying how much was left out — the end of a log is
 * where failures are, the beginning says what ran.
 */
export class BoundedLog {
  private head = "";
  private readonly tail: string[] = [];
  private tailLength = 0;
  private omitted = 0;
  private readonly headMax: number;
  private readonly tailMax: number;

  constructor(maxChars: number) {
    this.headMax = Math.floor(maxChars / 4);
    this.tailMax = maxChars - this.headMax;
  }

  append(text: string): void {
    if (!text) return;
    let rest = text;
    if (this.tail.length === 0 && this.head.length < this.headMax) {
      const room = this.headMax - this.head.length;
      this.head += rest.slice(0, room);
      rest = rest.slice(room);
    }
    if (!rest) return;
    this.tail.push(rest);
    this.tailLength += rest.length;
    while (this.tailLength > this.tailMax) {
      const excess = this.tailLength - this.tailMax;
      const first = this.tail[0]!;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailLength -= first.length;
        this.omitted += first.length;
      } else {
        this.tail[0] = first.slice(excess);
        this.tailLength -= excess;
        this.omitted += excess;
      }
    }
  }

  get length(): number {
    return this.head.length + this.tailLength;
  }

  toString(): string {
    const tail = this.tail.join("");
    return this.omitted ? `${this.head}\n[… ${this.omitted} characters of log left out …]\n${tail}` : this.head + tail;
  }
}
