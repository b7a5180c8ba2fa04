/**
 * A short string that matches a simple regular expression, and one that does not (pure). Supports
 * literals, escapes (\d \w \s ...), `.`, character classes, groups with alternation (the first branch
 * is taken), anchors and the quantifiers ? * + {n,m}; returns null for anything else (back-references,
 * lookarounds, Unicode properties) or when the sample would be long. Only one-character strings and the
 * sample built to match are ever tested against the expression, so a pathological pattern cannot hang.
 */

export interface RegExpSample {
  readonly matching: string;
  /** A string the expression does not match, or null when none was found cheaply. */
  readonly nonMatching: string | null;
}

const MAX_LENGTH = 40;
const CLASS_PROBES = ['a', 'b', 'x', '0', '1', '9', 'A', 'Z', '_', '-', '.', '@', ' ', '!', '/', ':', '+'];

class Unsupported extends Error {}

export function sampleRegExp(source: string, flags: string): RegExpSample | null {
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch {
    return null;
  }
  let matching: string;
  try {
    const parser = new Parser(source, flags);
    matching = parser.alternation();
    if (parser.position < source.length) return null;
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  if (matching.length > MAX_LENGTH) return null;
  // The sample was built to match; a pattern with nested quantifiers is not run on it (it could backtrack for long).
  if (!hasNestedQuantifier(source) && !regex.test(matching)) return null;
  const nonMatching = ['', '!', ' ', 'a', '0'].find((text) => text !== matching && !regex.test(text)) ?? null;
  return { matching, nonMatching };
}

class Parser {
  position = 0;
  constructor(
    private readonly source: string,
    private readonly flags: string,
  ) {}

  /** branch ( '|' branch )* -> the first branch's sample */
  alternation(): string {
    const first = this.sequence();
    while (this.peek() === '|') {
      this.position++;
      this.sequence();
    }
    return first;
  }

  private sequence(): string {
    let out = '';
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      out += this.quantified(atom);
      if (out.length > MAX_LENGTH) throw new Unsupported();
    }
    return out;
  }

  private atom(): string {
    const char = this.source[this.position++]!;
    switch (char) {
      case '^':
      case '$':
        return '';
      case '.':
        return 'a';
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
      case '{':
        throw new Unsupported();
      default:
        return char;
    }
  }

  private group(): string {
    if (this.peek() === '?') {
      const next = this.source.slice(this.position, this.position + 3);
      if (next.startsWith('?:')) this.position += 2;
      else if (next.startsWith('?<') && next !== '?<=' && next !== '?<!') this.position = this.source.indexOf('>', this.position) + 1;
      else throw new Unsupported();
      if (this.position === 0) throw new Unsupported();
    }
    const inner = this.alternation();
    if (this.source[this.position++] !== ')') throw new Unsupported();
    return inner;
  }

  private characterClass(): string {
    let end = this.position;
    if (this.source[end] === '^') end++;
    if (this.source[end] === ']') end++;
    while (end < this.source.length && this.source[end] !== ']') end += this.source[end] === '\\' ? 2 : 1;
    if (end >= this.source.length) throw new Unsupported();
    const body = this.source.slice(this.position, end);
    this.position = end + 1;
    let single: RegExp;
    try {
      single = new RegExp(`^[${body}]$`, this.flags.replace(/[gy]/g, ''));
    } catch {
      throw new Unsupported();
    }
    const found = CLASS_PROBES.find((probe) => single.test(probe));
    if (found !== undefined) return found;
    const start = body.replace(/^\^/, '')[0];
    if (start !== undefined && start !== '\\' && single.test(start)) return start;
    throw new Unsupported();
  }

  private escape(): string {
    const char = this.source[this.position++];
    if (char === undefined) throw new Unsupported();
    switch (char) {
      case 'd':
        return '1';
      case 'D':
      case 'w':
      case 'S':
        return 'a';
      case 'W':
        return '-';
      case 's':
        return ' ';
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '';
      case 'x':
        return this.hex(2);
      case 'u':
        return this.hex(4);
      case 'B':
      case 'p':
      case 'P':
      case 'k':
      case 'c':
        throw new Unsupported();
      default:
        if (/[0-9]/.test(char)) throw new Unsupported();
        return char;
    }
  }

  private hex(digits: number): string {
    const text = this.source.slice(this.position, this.position + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(text)) throw new Unsupported();
    this.position += digits;
    return String.fromCharCode(Number.parseInt(text, 16));
  }

  private quantified(atom: string): string {
    const char = this.peek();
    let times = 1;
    if (char === '*' || char === '+' || char === '?') {
      this.position++;
    } else if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position));
      if (!match) return atom;
      this.position += match[0].length;
      const min = Number(match[1]);
      const max = match[3] === undefined ? min : match[3] === '' ? Number.POSITIVE_INFINITY : Number(match[3]);
      times = min > 0 ? min : Math.min(1, max);
    } else {
      return atom;
    }
    if (this.peek() === '?') this.position++;
    if (atom.length * times > MAX_LENGTH) throw new Unsupported();
    return atom.repeat(times);
  }

  private peek(): string | undefined {
    return this.source[this.position];
  }
}

/** A quantified group that holds a quantifier itself, e.g. `(a+)+` or `(\d+\.)*`. */
function hasNestedQuantifier(source: string): boolean {
  const stack: boolean[] = [];
  let escaped = false;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (escaped) {
      escaped = false;
      continue;
    }
    if (char === '\\') {
      escaped = true;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(') stack.push(false);
    else if (char === ')') {
      const innerQuantified = stack.pop() ?? false;
      const next = source[i + 1];
      if (innerQuantified && (next === '*' || next === '+' || next === '{' || next === '?')) return true;
      if (stack.length > 0 && innerQuantified) stack[stack.length - 1] = true;
    } else if ((char === '*' || char === '+' || char === '{') && stack.length > 0) {
      stack[stack.length - 1] = true;
    }
  }
  return false;
}
