import { describe, expect, it } from 'vitest';
import { END_PHASES, MODULE_PHASES, MODULE_TRANSITIONS, transitionProblem, type PhasePosition } from '../../../src/store/module-phases.js';

const at = (phase: PhasePosition['phase'], attempt: number | null = null): PhasePosition => ({ phase, attempt });

describe('module phase transitions', () => {
  it('allows the whole way from nothing to kept, with healing attempts numbered 1, 2, 3', () => {
    const path = [at('analysed'), at('head-measured'), at('base-measured'), at('generating', 1), at('validated', 1), at('generating', 2), at('validated', 2), at('generating', 3), at('validated', 3), at('kept')];
    let current: PhasePosition | null = null;
    for (const next of path) {
      expect(transitionProblem(current, next)).toBeNull();
      current = next;
    }
  });

  it('allows dropped and failed from every phase that is not an end', () => {
    for (const phase of MODULE_PHASES.filter((p) => !END_PHASES.has(p))) {
      const attempt = phase === 'generating' || phase === 'validated' ? 1 : null;
      expect(transitionProblem(at(phase, attempt), at('dropped'))).toBeNull();
      expect(transitionProblem(at(phase, attempt), at('failed'))).toBeNull();
    }
  });

  it('allows a new attempt after an attempt that produced nothing to validate', () => {
    expect(transitionProblem(at('generating', 1), at('generating', 2))).toBeNull();
  });

  it('refuses skipping a phase, naming what may come next', () => {
    expect(transitionProblem(at('analysed'), at('base-measured'))).toBe('after analysed comes head-measured | dropped | failed');
    expect(transitionProblem(null, at('head-measured'))).toBe('after nothing comes analysed');
    expect(transitionProblem(at('generating', 1), at('kept'))).toBe('after generating comes validated | generating | dropped | failed');
  });

  it('refuses anything after an end phase', () => {
    for (const end of END_PHASES) {
      expect(transitionProblem(at(end), at('analysed'))).toBe(`${end} is an end phase`);
    }
  });

  it('refuses wrong attempt numbers', () => {
    expect(transitionProblem(at('base-measured'), at('generating', 2))).toBe('generating here needs attempt 1, got attempt 2');
    expect(transitionProblem(at('generating', 2), at('validated', 1))).toBe('validated here needs attempt 2, got attempt 1');
    expect(transitionProblem(at('validated', 2), at('generating', 2))).toBe('generating here needs attempt 3, got attempt 2');
    expect(transitionProblem(at('validated', 1), at('kept', 1))).toBe('kept here needs no attempt, got attempt 1');
  });

  it('lists every transition once', () => {
    const keys = MODULE_TRANSITIONS.map((t) => `${String(t.from)}->${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
