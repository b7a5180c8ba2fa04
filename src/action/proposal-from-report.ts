/**
 * Pure: the proposal that travels in the comment (and is committed in commit and pull-request modes)
 * from the report's kept test files: path, module, content and its SHA-256 recomputed here. A file
 * whose content holds a secret (a known value or a token shape; the comment's text is redacted, but
 * the payload is compressed, so it cannot be) or whose path breaks the proposed-path rules is left
 * out, with the reason.
 */
import { contentSha256, type Proposal, type ProposalFile } from '../github/apply/proposal-payload.js';
import { redactSecrets } from '../report/redact.js';
import type { RunReport } from '../report/types.js';
import { DEFAULT_TEST_GLOBS, proposedPathProblem } from '../validation/proposed-path-rules.js';

export interface ReportProposal {
  /** Null when the report proposes nothing usable. */
  readonly proposal: Proposal | null;
  /** `path: reason` of each kept file left out. */
  readonly leftOut: readonly string[];
}

export function proposalFromReport(report: RunReport, secrets: readonly string[]): ReportProposal {
  const files: ProposalFile[] = [];
  const leftOut: string[] = [];
  for (const file of report.proposedFiles ?? []) {
    const pathProblem = proposedPathProblem(file.path, DEFAULT_TEST_GLOBS);
    if (pathProblem) {
      leftOut.push(`${file.path}: ${pathProblem}`);
      continue;
    }
    if (redactSecrets(file.content, secrets) !== file.content) {
      leftOut.push(`${file.path}: it contains a secret or something shaped like a token`);
      continue;
    }
    files.push({ path: file.path, forFile: file.forFile, content: file.content, sha256: contentSha256(file.content) });
  }
  return { proposal: files.length > 0 ? { headSha: report.head, files } : null, leftOut };
}
