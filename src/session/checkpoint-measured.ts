/**
 * The checkpoints of the phases before generation, for every planned module: analysed (package,
 * framework, changed lines, content digest at the head), head coverage measured, base coverage
 * measured. A module whose head coverage could not be measured stops at analysed (it ends dropped).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModulePlan } from '../pipeline/module-plan.js';
import type { BaseSource, FileReport } from '../report/types.js';
import type { RunSession } from './run-session.js';

export async function checkpointMeasured(session: RunSession, modules: readonly ModulePlan[], files: readonly FileReport[], headDir: string, baseSource: BaseSource): Promise<void> {
  for (const plan of modules) {
    const module = plan.file.path;
    const content = await readFile(path.join(headDir, module)).catch(() => null);
    if (content === null) continue;
    session.advance(module, {
      phase: 'analysed',
      attempt: null,
      data: { packageDir: plan.pkg.relDir, framework: plan.pkg.framework, changedLines: plan.file.changedLines, contentSha256: createHash('sha256').update(content).digest('hex') },
    });
    const report = files.find((file) => file.path === module);
    if (!report?.head) continue;
    session.advance(module, { phase: 'head-measured', attempt: null, data: { head: report.head, relatedTests: report.relatedTests } });
    session.advance(module, { phase: 'base-measured', attempt: null, data: { base: report.base, source: baseSource } });
  }
}
