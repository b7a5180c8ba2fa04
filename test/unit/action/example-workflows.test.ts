// The example workflows in .github/examples/ are what users copy: each must parse, ask for least
// privilege, cancel superseded runs per pull request, fetch the history, pin every third-party action
// by commit, take the model key from a secret, and give our action only inputs action.yml declares.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../helpers/project-root.js';

interface Step {
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly permissions?: Record<string, string>;
  readonly concurrency?: { readonly group: string; readonly 'cancel-in-progress': boolean };
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly permissions?: Record<string, string>;
  readonly concurrency?: { readonly group: string; readonly 'cancel-in-progress': boolean };
  readonly jobs: Record<string, Job>;
}

const dir = join(PROJECT_ROOT, '.github', 'examples');
const files = readdirSync(dir).filter((name) => name.endsWith('.yml'));
const inputs = Object.keys((parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs);

describe('example workflows', () => {
  it('are the three modes the README names', () => {
    expect(files.sort()).toEqual(['testmaster-comment.yml', 'testmaster-commit.yml', 'testmaster-slash-command.yml']);
  });

  for (const file of files) {
    it(`${file}: least privilege, per-PR concurrency, full history, pinned actions, key from a secret, known inputs`, () => {
      const workflow = parse(readFileSync(join(dir, file), 'utf8')) as Workflow;
      expect(workflow.permissions, 'top-level permissions').toBeDefined();
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const permissions = { ...workflow.permissions, ...job.permissions };
        for (const level of Object.values(permissions)) expect(['read', 'write', 'none']).toContain(level);
        // actions: write (to start a run) only in a job that never checks out the pull request's code.
        const checksOut = job.steps.some((step) => step.uses?.startsWith('actions/checkout@'));
        if (checksOut) expect(permissions['actions'] ?? 'none', `${name}: no actions: write beside a checkout`).not.toBe('write');
        const concurrency = job.concurrency ?? workflow.concurrency;
        expect(concurrency?.group, `${name}: a concurrency group`).toMatch(/testmaster-(?:command-)?\$\{\{.*(pull_request\.number|issue\.number|inputs\.pr-number).*\}\}/);
        for (const step of job.steps) {
          if (step.uses === undefined) continue;
          expect(step.uses, `${name}: pinned by a full commit id`).toMatch(/@[0-9a-f]{40}$/);
          if (step.uses.startsWith('actions/checkout@') && job.steps.some((other) => other.uses?.includes('/testmaster@') && other.with?.['apply'] !== undefined)) {
            expect(step.with?.['fetch-depth'], `${name}: fetch-depth`).toBe(0);
          }
          if (!step.uses.includes('/testmaster@')) continue;
          for (const key of Object.keys(step.with ?? {})) expect(inputs, `${name}: input ${key}`).toContain(key);
          const key = step.with?.['api-key'];
          if (key !== undefined) expect(key).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
        }
      }
    });
  }
});
