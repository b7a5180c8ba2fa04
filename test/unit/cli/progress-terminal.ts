/**
 * A tiny terminal for tests: applies the text and the few escape sequences the live progress display
 * writes (\n, \r, ESC[<n>A cursor up, ESC[J clear to the end of the screen, ESC[2K clear the line) to a
 * grid of lines. Any other escape sequence throws, and so does moving the cursor above the first line.
 */
export class FakeTerminal {
  readonly lines: string[] = [''];
  row = 0;
  col = 0;

  apply(text: string): void {
    let index = 0;
    while (index < text.length) {
      const char = text[index]!;
      if (char === '\x1b') {
        const match = /^\x1b\[(\d*)([A-Za-z])/.exec(text.slice(index));
        if (!match) throw new Error(`unexpected escape at ${JSON.stringify(text.slice(index, index + 8))}`);
        this.#escape(match[1] ?? '', match[2]!);
        index += match[0].length;
        continue;
      }
      if (char === '\n') {
        this.row += 1;
        this.col = 0;
        if (this.lines.length <= this.row) this.lines.push('');
      } else if (char === '\r') {
        this.col = 0;
      } else {
        const line = this.lines[this.row]!.padEnd(this.col, ' ');
        this.lines[this.row] = line.slice(0, this.col) + char + line.slice(this.col + 1);
        this.col += 1;
      }
      index += 1;
    }
  }

  /** The lines on screen, without the empty line the cursor waits on. */
  screen(): string[] {
    const lines = [...this.lines];
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  #escape(argument: string, command: string): void {
    if (command === 'A') {
      const count = argument === '' ? 1 : Number(argument);
      if (count > this.row) throw new Error(`cursor up ${count} from row ${this.row}: above the first line`);
      this.row -= count;
    } else if (command === 'J' && argument === '') {
      this.lines[this.row] = this.lines[this.row]!.slice(0, this.col);
      this.lines.length = this.row + 1;
    } else if (command === 'K' && argument === '2') {
      this.lines[this.row] = '';
    } else {
      throw new Error(`unsupported escape ESC[${argument}${command}`);
    }
  }
}
