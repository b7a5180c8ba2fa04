import { describe, expect, it } from 'vitest';
import { targetsSection } from '../../../../src/generation/prompt/templates/current.js';

describe('targetsSection (v3)', () => {
  it('names the lines never executed as ranges and describes branches only on lines that ran', () => {
    const text = targetsSection({
      uncoveredLines: [37, 38, 40, 49],
      partialLines: [48, 52],
      uncoveredBranches: [
        { line: 37, description: 'the if branch is never taken' },
        { line: 37, description: 'operand 2 of 2 of the logical expression is never evaluated' },
        { line: 48, description: 'the if branch is never taken' },
        { line: 48, description: 'the ?? fallback is never taken' },
      ],
    });
    expect(text.split('\n')).toEqual([
      'Lines never executed by the existing tests: 37-38, 40, 49.',
      'Branches not taken:',
      '- line 48: the if branch is never taken; the ?? fallback is never taken',
      '- a branch starting on line 52',
      'Write test cases that execute these lines and take these branches.',
    ]);
  });

  it('describes the branches of lines that ran when no line is left unexecuted, and says so when nothing is left', () => {
    expect(targetsSection({ uncoveredLines: [], partialLines: [3], uncoveredBranches: [{ line: 3, description: 'the else branch is never taken' }] }).split('\n')).toEqual([
      'Branches not taken:',
      '- line 3: the else branch is never taken',
      'Write test cases that execute these lines and take these branches.',
    ]);
    expect(targetsSection({ uncoveredLines: [], partialLines: [] })).toMatch(/^No changed line is left uncovered/);
  });
});
