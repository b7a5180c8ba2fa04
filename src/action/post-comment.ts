/**
 * Effects: creates or updates TestMaster's one comment on the pull request (sticky-comment.ts: found
 * by STICKY_MARKER among the token's own comments, edited in place, left alone when unchanged, shrunk
 * and sent once more after GitHub's 422). A missing permission becomes a warning naming the
 * `permissions:` entry to add, and null; other failures are thrown.
 */
import type { Octokit } from '../github/create-octokit.js';
import { withPermissionWarning } from '../github/permissions.js';
import { upsertStickyComment, type StickyCommentResult } from '../github/sticky-comment.js';
import { commentShrinker, composeComment, STICKY_MARKER, type CommentContent } from './comment-body.js';

export interface PostCommentRequest {
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly content: CommentContent;
  readonly warn: (line: string) => void;
}

export async function postStickyComment(octokit: Octokit, request: PostCommentRequest): Promise<StickyCommentResult | null> {
  const { owner, repo, pullNumber, content } = request;
  const step = await withPermissionWarning(
    `post the TestMaster comment on pull request #${pullNumber}`,
    () => upsertStickyComment(octokit, { owner, repo, issueNumber: pullNumber, marker: STICKY_MARKER, body: composeComment(content), shrink: commentShrinker(content) }),
    request.warn,
  );
  return step.done ? step.value : null;
}
