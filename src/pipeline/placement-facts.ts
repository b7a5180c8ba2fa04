/**
 * Effects: what placing a module's test needs to know about its package (choose-test-path.ts): the
 * package's tracked files (`git ls-files` in the checkout) and which paths its runner collects as
 * tests (runners/test-includes.ts, read from its config without running it). One read per package.
 */
import { runGit } from '../git/exec.js';
import type { PathRequest } from '../generation/module/choose-test-path.js';
import { readJsonObject } from '../files/read-json-file.js';
import { absoluteIn, packageRelative } from '../runners/paths.js';
import { readTestIncludes, runnerCollects } from '../runners/test-includes.js';
import type { ModuleJob } from '../generation/module/module-context.js';

export async function placementRequests(checkoutDir: string, jobs: readonly ModuleJob[]): Promise<PathRequest[]> {
  const byPackage = new Map<string, Promise<Omit<PathRequest, 'modulePath'>>>();
  const factsOf = (job: ModuleJob): Promise<Omit<PathRequest, 'modulePath'>> => {
    const { pkg } = job.plan;
    let facts = byPackage.get(pkg.relDir);
    if (facts === undefined) {
      facts = packageFacts(checkoutDir, pkg.relDir, pkg.framework);
      byPackage.set(pkg.relDir, facts);
    }
    return facts;
  };
  return Promise.all(jobs.map(async (job) => ({ modulePath: job.plan.file.path, ...(await factsOf(job)) })));
}

async function packageFacts(checkoutDir: string, relDir: string, framework: ModuleJob['plan']['pkg']['framework']): Promise<Omit<PathRequest, 'modulePath'>> {
  const listed = await runGit(checkoutDir, ['ls-files', '-z', '--', relDir === '' ? '.' : relDir]).catch(() => null);
  const repoFiles = listed === null ? [] : listed.stdout.split('\0').filter((file) => file !== '');
  if (framework === null) return { repoFiles };
  const packageDir = absoluteIn(checkoutDir, relDir);
  const manifest = (await readJsonObject(absoluteIn(packageDir, 'package.json'))) ?? {};
  const rules = await readTestIncludes(packageDir, framework, manifest);
  if (rules === null) return { repoFiles };
  return { repoFiles, collects: (repoPath) => { const inside = packageRelative(relDir, repoPath); return inside !== null && runnerCollects(rules, inside); } };
}
