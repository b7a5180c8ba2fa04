/**
 * Captures a byte stream up to a cap, keeping its head and its tail (where a test runner prints the
 * first error and the summary) and counting what was cut in between. Memory stays bounded by the cap
 * whatever the child prints.
 */

export class HeadTailCapture {
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(maxBytes: number) {
    const cap = Math.max(2, Math.floor(maxBytes));
    this.headLimit = Math.ceil(cap / 2);
    this.tailLimit = cap - this.headLimit;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const take = Math.min(this.headLimit - this.headBytes, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    this.tail.push(rest);
    this.tailBytes += rest.length;
    while (this.tail.length > 1 && this.tailBytes - this.tail[0]!.length >= this.tailLimit) {
      this.tailBytes -= this.tail.shift()!.length;
    }
  }

  get totalBytes(): number {
    return this.total;
  }

  get truncated(): boolean {
    return this.total > this.headLimit + this.tailLimit;
  }

  /** The captured text, decoded as UTF-8, with a `[... N bytes cut ...]` line where bytes were dropped. */
  text(): string {
    const head = Buffer.concat(this.head);
    const tailAll = Buffer.concat(this.tail);
    if (!this.truncated) return Buffer.concat([head, tailAll]).toString('utf8');
    const keptHead = head.subarray(0, completeUtf8Length(head));
    const rawTail = tailAll.subarray(Math.max(0, tailAll.length - this.tailLimit));
    const keptTail = rawTail.subarray(leadingContinuationBytes(rawTail));
    const cut = this.total - keptHead.length - keptTail.length;
    return `${keptHead.toString('utf8')}\n[... ${cut} bytes cut ...]\n${keptTail.toString('utf8')}`;
  }
}

/** Length of `bytes` without an incomplete UTF-8 sequence at its end. */
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0b1100_0000) === 0b1000_0000) continue; // continuation byte: keep looking for the lead
    const needed = byte >= 0b1111_0000 ? 4 : byte >= 0b1110_0000 ? 3 : byte >= 0b1100_0000 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** How many continuation bytes start `bytes` (the rest of a character cut off in front). */
function leadingContinuationBytes(bytes: Buffer): number {
  let count = 0;
  while (count < Math.min(3, bytes.length) && (bytes[count]! & 0b1100_0000) === 0b1000_0000) count++;
  return count;
}
