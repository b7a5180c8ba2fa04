/**
 * The prompt's "Runtime" section (pure): the Node version the tests run on, the newer features it
 * lacks, and how this runner fakes time. Without it a model guesses: it uses `Iterator` helpers on a
 * Node that has none, or asserts that calling the code throws "Iterator is not defined", a test of
 * the environment rather than of the code.
 */
import type { Framework } from '../../report/types.js';
import type { RuntimeFacts } from '../../runners/runtime-features.js';

const MAX_NAMED_MISSING = 12;

export function runtimeSection(facts: RuntimeFacts | null, framework: Framework, frameworkVersion: string | null): string {
  const lines: string[] = [];
  if (facts !== null) {
    lines.push(`The tests run on Node ${facts.nodeVersion}.`);
    if (facts.missing.length > 0) {
      const named = facts.missing.slice(0, MAX_NAMED_MISSING).map((name) => `\`${name}\``).join(', ');
      const more = facts.missing.length > MAX_NAMED_MISSING ? ` and ${facts.missing.length - MAX_NAMED_MISSING} more` : '';
      lines.push(
        `This runtime lacks ${named}${more}: do not use them in the test, and do not test a path whose outcome only depends on their absence (such a test checks the environment, not the code; leave that path uncovered).`,
      );
    }
  }
  lines.push(fakeTimers(framework, frameworkVersion));
  return lines.join('\n');
}

function fakeTimers(framework: Framework, version: string | null): string {
  if (framework === 'vitest') return 'Time: vi.useFakeTimers() and vi.setSystemTime(date) fake timers and Date; call vi.useRealTimers() after each test.';
  const major = version === null ? null : Number.parseInt(version, 10);
  if (major !== null && Number.isFinite(major) && major < 27) {
    return "Time: jest.useFakeTimers('modern') (this Jest's default fake timers leave Date real) and jest.setSystemTime(date); call jest.useRealTimers() after each test.";
  }
  return 'Time: jest.useFakeTimers() and jest.setSystemTime(date) fake timers and Date; call jest.useRealTimers() after each test.';
}
