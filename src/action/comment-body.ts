/**
 * Pure: the sticky comment's body. The rendered report (render-markdown.ts: headline base -> head ->
 * with the proposed tests, per-file table, folded proposed files with their cases, possible bugs,
 * cost), then "Applying the tests" for the apply mode, the commits compared and a link to the run,
 * and last the hidden proposal payload that `/testmaster apply` reads (proposal-payload.ts).
 *
 * Never over GitHub's 65,536 characters or bytes. The report is rendered into the room the other
 * parts leave, and render-markdown drops the proposed files' bodies first (pointing to the job
 * summary and the run's artifact), then the missing-line ranges, then table rows. When the payload
 * leaves too little room for a useful report, the payload goes instead (the comment then says so).
 * `commentShrinker` makes ever shorter versions for the sticky comment's retry after GitHub's 422.
 *
 * Everything but the payload is redacted (known secrets, their encoded forms and token shapes); files
 * with a secret are never in the payload (proposal-from-report.ts). Text from outside never carries
 * `<!--` or `-->` as such (escape-markdown.ts): the sticky marker starts the body, the payload ends it
 * and is the only opening of one (embedProposal), which is all `/testmaster apply` accepts.
 */
import { MAX_COMMENT_CHARS } from '../github/comment-size.js';
import { embedProposal, encodeProposal, type Proposal } from '../github/apply/proposal-payload.js';
import { breakTestMasterMarkers, escapeText } from '../report/escape-markdown.js';
import { redactSecrets } from '../report/redact.js';
import { renderMarkdown } from '../report/render-markdown.js';
import { fitsWithin, truncateToFit, utf8Length } from '../report/text-size.js';
import type { RunReport } from '../report/types.js';
import { howToApplyText, type ApplyOutcome } from './apply-outcome.js';

/** Finds TestMaster's comment on a pull request (with the token's own identity as author). */
export const STICKY_MARKER = '<!-- testmaster:sticky:v1 -->';

/** Below this many characters for the report, the payload is dropped rather than the report cut further. */
const MIN_REPORT_CHARS = 8_000;
/** Shrink steps tried after the first (each halves the report's room). */
const MAX_LEVEL = 12;

export interface CommentContent {
  readonly report: RunReport;
  /** Secret values to redact, besides token shapes. */
  readonly secrets: readonly string[];
  readonly repoUrl: string | null;
  readonly runUrl: string | null;
  readonly outcome: ApplyOutcome | null;
  /** Carried as the hidden payload when it fits. */
  readonly proposal: Proposal | null;
  /** Kept test files not in the proposal (`path: reason`). */
  readonly leftOut: readonly string[];
}

export function composeComment(content: CommentContent, limit: number = MAX_COMMENT_CHARS): string {
  return composeAt(content, 0, limit);
}

/** For upsertStickyComment: a strictly shorter body within `limit`. */
export function commentShrinker(content: CommentContent, limit: number = MAX_COMMENT_CHARS): (body: string) => string {
  return (body) => {
    for (let level = 1; level <= MAX_LEVEL; level += 1) {
      const candidate = composeAt(content, level, limit);
      if (candidate.length < body.length && fitsWithin(candidate, limit)) return candidate;
    }
    return truncateToFit(body, Math.min(limit, Math.floor(body.length * 0.9)));
  };
}

/** Level 0: with the payload if it fits beside a useful report; 1: without it; n > 1: the report in 1/2^(n-1) of the room. */
function composeAt(content: CommentContent, level: number, limit: number): string {
  const redact = (text: string): string => redactSecrets(text, content.secrets);
  // The tail quotes text from outside (files left out and why, branch names): no marker opening in it.
  const tailOf = (embedded: boolean): string => breakTestMasterMarkers(redact(tailText(content, embedded)));
  const head = `${STICKY_MARKER}\n`;
  if (level === 0 && content.proposal) {
    const payload = encodeProposal(content.proposal);
    const tail = tailOf(true);
    const room = limit - utf8Length(head) - utf8Length(tail) - payload.length - 2;
    if (room >= MIN_REPORT_CHARS) {
      const embedded = embedProposal(`${head}${render(content, room, redact, limit)}${tail}`, payload, limit);
      if (embedded.embedded) return embedded.body;
    }
  }
  const tail = tailOf(false);
  const scale = level <= 1 ? 1 : 1 / 2 ** (level - 1);
  const room = Math.max(0, Math.floor((limit - utf8Length(head) - utf8Length(tail)) * scale));
  return `${head}${render(content, room, redact, limit)}${tail}`;
}

function render(content: CommentContent, maxChars: number, redact: (text: string) => string, statedLimit: number): string {
  const where = content.runUrl ? `the job summary of [this workflow run](${content.runUrl}) or its \`testmaster\` artifact` : 'the job summary or the `testmaster` artifact of the workflow run';
  return renderMarkdown(content.report, {
    maxChars,
    statedLimit,
    transform: redact,
    omittedBodyNote: `File body left out to stay within GitHub's comment limit: see ${where}.`,
    ...(content.repoUrl ? { repoUrl: content.repoUrl } : {}),
  });
}

/** What follows the report: how to apply, files left out of the proposal, the commits compared and the run. */
function tailText(content: CommentContent, embedded: boolean): string {
  const { report } = content;
  const parts: string[] = [];
  const fileCount = content.proposal?.files.length ?? 0;
  const howTo = howToApplyText(content.outcome, { fileCount, headSha: report.head, embedded });
  if (howTo) parts.push('#### Applying the tests', howTo);
  if (content.leftOut.length > 0) {
    parts.push(`> [!NOTE]\n> Not carried in this comment: ${content.leftOut.map((item) => escapeText(item)).join('; ')}.`);
  }
  const run = content.runUrl ? ` · [workflow run](${content.runUrl})` : '';
  parts.push(`<sub>Compared \`${report.base.slice(0, 7)}\` (merge base) with \`${report.head.slice(0, 7)}\`${run}</sub>`);
  return `\n${parts.join('\n\n')}\n`;
}
