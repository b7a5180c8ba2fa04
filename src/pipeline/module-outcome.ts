/**
 * What one module's generation leaves for the report (pure): the merged generation record, the kept
 * files, the module's coverage with them, the changed lines each generator newly covers, and the
 * possible bugs. The run store keeps it as the module's end state, so a resumed run reports a module
 * the interrupted run finished without redoing it.
 */
import { createHash } from 'node:crypto';
import { fileMetrics, patchMetrics } from '../coverage/file-metrics.js';
import type { ModuleGenerationResult } from '../generation/module/generate-for-module.js';
import type { FileReport, HeadMetrics, ModuleGeneration, PatchMetrics, PossibleBug, ProposedFile } from '../report/types.js';
import type { ModuleOutcome } from '../store/module-state.js';

export function moduleOutcome(file: FileReport, done: readonly ModuleGenerationResult[]): ModuleOutcome {
  const generation = done.length === 0 ? notAttempted(file) : mergeGenerations(done.map((result) => result.generation));
  const coveredBy = { offline: 0, model: 0 };
  const files: ProposedFile[] = [];
  const possibleBugs: PossibleBug[] = [];
  if (!file.head) return { generation, files, proposed: null, coveredBy, possibleBugs: done.flatMap((result) => result.possibleBugs) };
  let proposed: HeadMetrics = file.head;
  for (const result of done) {
    possibleBugs.push(...result.possibleBugs);
    const proposedFile = proposedFileOf(result, file);
    if (proposedFile === null || result.kept?.combined == null) continue;
    files.push(proposedFile);
    const next = { ...fileMetrics(result.kept.combined), patch: patchMetrics(result.kept.combined, file.changedLines) };
    coveredBy[proposedFile.provider ?? 'model'] += newlyCovered(proposed.patch, next.patch);
    proposed = next;
  }
  return { generation, files, proposed, coveredBy, possibleBugs };
}

/** The proposed file of one generator's kept cases, or null when it kept none. */
export function proposedFileOf(result: ModuleGenerationResult, file: Pick<FileReport, 'path' | 'framework'>): ProposedFile | null {
  const kept = result.kept;
  if (kept === null || kept.combined === null) return null;
  return {
    path: kept.testPath,
    forFile: file.path,
    framework: file.framework ?? 'vitest',
    content: kept.content,
    sha256: createHash('sha256').update(kept.content).digest('hex'),
    kept: kept.cases,
    dropped: kept.dropped,
    provider: result.generation.provider ?? 'model',
  };
}

/** Changed lines fully covered after that were not before (missing or partial before, neither after). */
function newlyCovered(before: PatchMetrics, after: PatchMetrics): number {
  const open = (patch: PatchMetrics): Set<number> => new Set([...patch.missingLines, ...patch.partialLines]);
  const stillOpen = open(after);
  return [...open(before)].filter((line) => !stillOpen.has(line)).length;
}

/** One module's generation as reported, from the zero-token run and (hybrid) the model's run after it. */
export function mergeGenerations(parts: readonly ModuleGeneration[]): ModuleGeneration {
  const [first] = parts;
  if (parts.length === 1 && first) return first;
  const kept = parts.filter((part) => part.outcome === 'kept');
  const last = parts[parts.length - 1]!;
  const label = (part: ModuleGeneration): string => (part.provider === 'offline' ? 'zero-token' : 'model');
  const reasons = parts.filter((part) => part.reason).map((part) => `${label(part)}: ${part.reason}`);
  const reusedParts = parts.flatMap((part) => (part.reused ? [part.reused] : []));
  const [firstReused] = reusedParts;
  return {
    outcome: kept.length > 0 ? 'kept' : last.outcome,
    reason: kept.length === parts.length ? null : reasons.join('; ') || null,
    turns: parts.reduce((sum, part) => sum + part.turns, 0),
    llmCalls: parts.reduce((sum, part) => sum + part.llmCalls, 0),
    inputTokens: parts.reduce((sum, part) => sum + part.inputTokens, 0),
    outputTokens: parts.reduce((sum, part) => sum + part.outputTokens, 0),
    costUsd: parts.reduce((sum, part) => sum + part.costUsd, 0),
    promptTokens: parts.find((part) => part.promptTokens !== null)?.promptTokens ?? null,
    provider: (kept[kept.length - 1] ?? last).provider ?? 'model',
    ...(firstReused
      ? {
          reused: {
            ...firstReused,
            savedInputTokens: reusedParts.reduce((sum, part) => sum + part.savedInputTokens, 0),
            savedOutputTokens: reusedParts.reduce((sum, part) => sum + part.savedOutputTokens, 0),
            savedCostUsd: reusedParts.reduce((sum, part) => sum + part.savedCostUsd, 0),
          },
        }
      : {}),
  };
}

function notAttempted(file: FileReport): ModuleGeneration {
  const covered = file.head !== null && file.head.patch.missingLines.length + file.head.patch.partialLines.length === 0;
  return {
    outcome: covered ? 'skipped-covered' : 'skipped',
    reason: covered ? 'every changed line is already covered' : file.head ? 'no test framework for this package' : (file.reason ?? 'the head coverage was not measured'),
    turns: 0,
    llmCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    promptTokens: null,
  };
}
