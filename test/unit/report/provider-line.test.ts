import { describe, expect, it } from 'vitest';
import { providerLine } from '../../../src/report/generation-sections.js';

describe('providerLine', () => {
  it('says the zero-token generator spent nothing, what it covered, and why it ran', () => {
    expect(providerLine({ provider: 'offline', providerNote: 'no model key is configured', coveredBy: { offline: 12, model: 0 } })).toBe(
      'Written by the zero-token generator: no model call, no tokens, $0; newly covers 12 changed lines. No model key is configured.',
    );
  });

  it('splits the changed lines between the two generators in hybrid mode', () => {
    expect(providerLine({ provider: 'hybrid', providerNote: null, coveredBy: { offline: 1, model: 4 } })).toBe(
      'Written by the zero-token generator first, then the model for what it left uncovered: 1 changed line newly covered without tokens, 4 by the model.',
    );
  });

  it('adds nothing for a model run that has neither figures nor a note', () => {
    expect(providerLine({ provider: 'openai', providerNote: null, coveredBy: null })).toBeNull();
    expect(providerLine({ provider: 'openai', providerNote: null, coveredBy: { offline: 0, model: 3 } })).toBe('Written by the model; newly covers 3 changed lines.');
  });
});
