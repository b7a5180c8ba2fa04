/**
 * `--estimate`: the worst case of every model call the run could make, without making any. Each
 * module's first prompt is built exactly as it would be sent; per module the plan is, per turn (the
 * first answer and each healing turn), one answer and one repair, each sent up to max-retries + 1
 * times. A healing prompt is counted as the first prompt plus a whole previous file plus the errors,
 * capped at max-prompt-tokens (a larger one is never sent).
 */
import { estimateWorstCase, type PlannedCalls } from '../budget/estimate.js';
import type { Config } from '../config/schema.js';
import type { ModuleJob } from '../generation/module/module-context.js';
import { buildModulePrompt } from '../generation/module/module-prompt.js';
import type { CostEstimate } from '../report/types.js';
import { chooseTestPath } from '../generation/module/choose-test-path.js';
import type { PreparedModel } from './prepare-generation.js';
import { RUNTIME_FEATURES, type RuntimeFacts } from '../runners/runtime-features.js';
import { placementRequests } from './placement-facts.js';

const LONGEST_RUNTIME: RuntimeFacts = { nodeVersion: 'v00.00.00', missing: RUNTIME_FEATURES.map((feature) => feature.name) };

/** Allowance for the failing cases' error text in a healing prompt (8 cases of 1,500 characters). */
const HEALING_ERROR_TOKENS = 3000;

export async function estimateCost(checkoutDir: string, jobs: readonly ModuleJob[], config: Config, prepared: PreparedModel): Promise<CostEstimate> {
  const model = prepared.settings.model;
  const cap = prepared.settings.maxCompletionTokens;
  const attemptsPerRequest = prepared.settings.maxRetries + 1;
  const plans: PlannedCalls[] = [];
  const promptTokens = new Map<string, number>();
  const placements = new Map((await placementRequests(checkoutDir, jobs)).map((request) => [request.modulePath, request]));
  for (const job of jobs) {
    if (job.patch.missingLines.length + job.patch.partialLines.length === 0) continue;
    const modulePath = job.plan.file.path;
    const testPath = chooseTestPath(modulePath, placements.get(modulePath) ?? { repoFiles: [] }, config.testPathPattern);
    // The runtime is not asked before an estimate: priced as the longest Runtime section it could be.
    const { built } = await buildModulePrompt(checkoutDir, job, testPath, { model, maxPromptTokens: config.maxPromptTokens, runtime: LONGEST_RUNTIME });
    if (built.kind === 'too-large') continue;
    promptTokens.set(modulePath, built.tokens.total);
    const healing = Math.min(config.maxPromptTokens, built.tokens.total + cap + HEALING_ERROR_TOKENS);
    // Each turn: an answer and a repair (the repair carries the answer back: up to one more completion).
    plans.push({ module: modulePath, promptTokens: built.tokens.total, maxCompletionTokens: cap, calls: attemptsPerRequest });
    plans.push({ module: modulePath, promptTokens: Math.min(config.maxPromptTokens, built.tokens.total + cap), maxCompletionTokens: cap, calls: attemptsPerRequest });
    if (config.maxHealAttempts > 0) {
      plans.push({ module: modulePath, promptTokens: healing, maxCompletionTokens: cap, calls: 2 * attemptsPerRequest * config.maxHealAttempts });
    }
  }
  const estimate = estimateWorstCase(plans, { price: prepared.price.price, limits: prepared.limits });
  return {
    model,
    modules: estimate.modules.map((entry) => ({ path: entry.module, promptTokens: promptTokens.get(entry.module) ?? 0, llmCalls: entry.llmCalls, costUsd: entry.costUsd })),
    inputTokens: estimate.inputTokens,
    outputTokens: estimate.outputTokens,
    llmCalls: estimate.llmCalls,
    costUsd: estimate.costUsd,
    exceeds: estimate.exceeds,
  };
}
