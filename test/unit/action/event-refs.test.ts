import { describe, expect, it } from 'vitest';
import { refsForEvent } from '../../../src/action/event-refs.js';

const none = { base: null, head: null };
const pr = { pull_request: { base: { sha: 'a'.repeat(40) }, head: { sha: 'b'.repeat(40) } } };

describe('refsForEvent', () => {
  it('takes base and head from a pull_request payload', () => {
    expect(refsForEvent('pull_request', pr, none)).toEqual({ base: 'a'.repeat(40), head: 'b'.repeat(40) });
  });

  it('lets inputs win over the payload', () => {
    expect(refsForEvent('pull_request', pr, { base: 'main', head: null })).toEqual({ base: 'main', head: 'b'.repeat(40) });
  });

  it('uses "before" for a push, but not the all-zero id of a new branch', () => {
    expect(refsForEvent('push', { before: 'c'.repeat(40) }, none)).toEqual({ base: 'c'.repeat(40), head: 'HEAD' });
    expect(() => refsForEvent('push', { before: '0'.repeat(40) }, none)).toThrow(/set the "base" input/);
  });

  it('refuses pull_request_target and workflow_run, even with refs given', () => {
    for (const event of ['pull_request_target', 'workflow_run']) {
      expect(() => refsForEvent(event, pr, { base: 'main', head: 'HEAD' })).toThrow(new RegExp(`"${event}".*pull_request`));
    }
  });
});
