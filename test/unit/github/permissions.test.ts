/**
 * Pure: reading `x-accepted-github-permissions` and turning it into the workflow `permissions:` entry
 * to add; the wrapper that makes such a 403 a warning and lets everything else through.
 */
import { describe, expect, it } from 'vitest';
import {
  missingPermissionAdvice,
  missingPermissionWarning,
  parseAcceptedPermissions,
  withPermissionWarning,
  workflowPermissionEntry,
} from '../../../src/github/permissions.js';

const forbidden = (accepted: string) => ({ status: 403, response: { headers: { 'x-accepted-github-permissions': accepted } } });

describe('parseAcceptedPermissions', () => {
  it('reads alternative sets (;) of permissions (,)', () => {
    expect(parseAcceptedPermissions('issues=write; pull_requests=write')).toEqual([
      [{ name: 'issues', access: 'write' }],
      [{ name: 'pull_requests', access: 'write' }],
    ]);
    expect(parseAcceptedPermissions('contents=read,pull_requests=write')).toEqual([
      [
        { name: 'contents', access: 'read' },
        { name: 'pull_requests', access: 'write' },
      ],
    ]);
    expect(parseAcceptedPermissions(' ; junk ;=x')).toEqual([]);
  });
});

describe('workflowPermissionEntry', () => {
  it.each([
    ['pull_requests', 'write', 'pull-requests: write'],
    ['contents', 'write', 'contents: write'],
    ['security_events', 'read', 'security-events: read'],
    ['workflows', 'write', null],
    ['administration', 'read', null],
    ['metadata', 'read', null],
    ['contents', 'admin', null],
  ])('%s=%s -> %s', (name, access, expected) => {
    expect(workflowPermissionEntry({ name, access })).toBe(expected);
  });
});

describe('missingPermissionAdvice', () => {
  it('names pull-requests first when either issues or pull_requests would do', () => {
    expect(missingPermissionAdvice('issues=write; pull_requests=write')).toBe(
      'add `pull-requests: write` under `permissions:` in the workflow (or instead `issues: write`), or use a token that has it',
    );
  });

  it('names every permission of a set that needs several', () => {
    expect(missingPermissionAdvice('contents=write,pull_requests=write')).toContain('`contents: write` and `pull-requests: write`');
  });

  it('says to use another token for permissions GITHUB_TOKEN cannot have', () => {
    expect(missingPermissionAdvice('workflows=write')).toBe("use a token with workflows: write (the workflow's GITHUB_TOKEN cannot be given it)");
  });

  it('prefers a set the workflow can grant over one it cannot', () => {
    expect(missingPermissionAdvice('administration=write; contents=write')).toMatch(/^add `contents: write`/);
  });
});

describe('missingPermissionWarning and withPermissionWarning', () => {
  it('is null for anything but a 403 naming permissions', () => {
    expect(missingPermissionWarning({ status: 404, response: { headers: {} } }, 'x')).toBeNull();
    expect(missingPermissionWarning({ status: 403, response: { headers: {} } }, 'x')).toBeNull();
    expect(missingPermissionWarning(new Error('boom'), 'x')).toBeNull();
  });

  it('turns the 403 into one warning line and skips the step', async () => {
    const warnings: string[] = [];
    const step = await withPermissionWarning('push the test branch', () => Promise.reject(forbidden('contents=write')), (line) => warnings.push(line));
    expect(step).toEqual({ done: false, warning: warnings[0] });
    expect(warnings).toEqual([
      'TestMaster could not push the test branch: the token lacks a permission; add `contents: write` under `permissions:` in the workflow, or use a token that has it. Continuing without it.',
    ]);
  });

  it('passes the value through, and rethrows other failures', async () => {
    const warn = () => {
      throw new Error('should not warn');
    };
    expect(await withPermissionWarning('x', () => Promise.resolve(7), warn)).toEqual({ done: true, value: 7 });
    const other = { status: 500 };
    await expect(withPermissionWarning('x', () => Promise.reject(other), warn)).rejects.toBe(other);
  });
});
