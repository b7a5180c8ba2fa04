/**
 * The changed branches the existing tests never take, in words for the prompt (pure): for each branch
 * of Istanbul's branch map that starts on a changed line and has a path with no hit, which path it is.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import type { UncoveredBranch } from '../prompt/prompt-types.js';

const KIND_WORDS: Readonly<Record<string, readonly string[]>> = {
  if: ['the if branch', 'the else branch'],
  'cond-expr': ['the true side of the ?: expression', 'the false side of the ?: expression'],
  'default-arg': ['the default value of the parameter'],
};

export function uncoveredBranches(data: FileCoverageData, changedLines: readonly number[]): UncoveredBranch[] {
  const changed = new Set(changedLines);
  const found: UncoveredBranch[] = [];
  for (const [id, hits] of Object.entries(data.b)) {
    const branch = data.branchMap[id];
    if (!branch) continue;
    const line = branch.loc?.start.line ?? branch.locations[0]?.start.line;
    if (line === undefined || !changed.has(line)) continue;
    hits.forEach((count, index) => {
      if (count !== 0) return;
      found.push({ line, description: describePath(branch.type, index, branch.locations.length) });
    });
  }
  return found.sort((a, b) => a.line - b.line);
}

function describePath(type: string, index: number, paths: number): string {
  const words = KIND_WORDS[type]?.[index];
  if (words) return `${words} is never taken`;
  if (type === 'switch') return `case ${index + 1} of the switch is never taken`;
  if (type === 'binary-expr' || type === 'logical-expr') return `operand ${index + 1} of ${paths} of the logical expression is never evaluated`;
  return `path ${index + 1} of ${paths} of the ${type} is never taken`;
}
