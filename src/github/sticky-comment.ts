/**
 * One comment per pull request (or issue) that TestMaster keeps up to date: found by a hidden,
 * namespaced marker the caller gives (e.g. `<!-- testmaster:sticky:v1 -->`) among comments the
 * token's own identity wrote and that are not minimized (find-sticky-comment.ts); edited in place,
 * never re-posted; left alone when the body is byte-identical.
 *
 * Never two comments: a create is not retried blindly (the retry plugin is told not to: a POST that
 * failed with 5xx or a lost connection may have created the comment anyway); after such a failure the
 * comment is looked for again, and only if it is not there is it posted once more. An edit that fails
 * is not turned into a create (the next run finds the comment and edits it), except when the comment
 * has disappeared (404), where it is looked for again first.
 *
 * Never over 65,536 characters or bytes: a longer body goes through `shrink` before it is sent (and
 * without `shrink` it is refused). If GitHub still answers 422 "body is too long", the body is shrunk
 * once more and sent once more.
 */
import { GitHubError } from '../errors/errors.js';
import { fitsCommentLimit, isBodyTooLongError, MAX_COMMENT_CHARS } from './comment-size.js';
import type { Octokit } from './create-octokit.js';
import { findStickyComment, type FoundComment, type StickyLocation } from './find-sticky-comment.js';
import { describeFailure, toGitHubError } from './github-errors.js';

export interface StickyCommentRequest extends StickyLocation {
  /** The comment text. The marker is put first when the body does not start with it. */
  readonly body: string;
  /** Returns a shorter version of a body (e.g. the report with fewer details); called on a body too long for GitHub. */
  readonly shrink?: (body: string) => string;
}

export interface StickyCommentResult {
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly id: number;
  /** The comment's html_url. */
  readonly url: string;
}

/** An HTML comment, so it is invisible in the rendered comment. */
const MARKER_SHAPE = /^<!--[\s\S]*\S[\s\S]*-->$/;

export async function upsertStickyComment(octokit: Octokit, request: StickyCommentRequest): Promise<StickyCommentResult> {
  if (!MARKER_SHAPE.test(request.marker) || request.marker.length > 200) {
    throw new Error(`sticky comment marker must be a short HTML comment such as <!-- testmaster:sticky:v1 -->, got ${JSON.stringify(request.marker.slice(0, 60))}`);
  }
  const sticky = new StickyComment(octokit, request);
  return sticky.upsert();
}

class StickyComment {
  private readonly where: string;

  constructor(
    private readonly octokit: Octokit,
    private readonly request: StickyCommentRequest,
  ) {
    this.where = `${request.owner}/${request.repo}#${request.issueNumber}`;
  }

  async upsert(): Promise<StickyCommentResult> {
    const body = this.fitted(this.withMarker(this.request.body));
    const existing = await this.find();
    if (existing) return this.edit(existing, body);
    return this.create(body);
  }

  private async edit(existing: FoundComment, body: string, mayShrink = true, mayRefind = true): Promise<StickyCommentResult> {
    if (existing.body === body) return { action: 'unchanged', id: existing.id, url: existing.url };
    try {
      const { data } = await this.octokit.rest.issues.updateComment({ owner: this.request.owner, repo: this.request.repo, comment_id: existing.id, body });
      return { action: 'updated', id: data.id, url: data.html_url };
    } catch (error) {
      if (mayShrink && isBodyTooLongError(error) && this.request.shrink) return this.edit(existing, this.shrunkOnce(body), false, mayRefind);
      const status = describeFailure(error).status;
      if (mayRefind && (status === 404 || status === 410)) {
        // Deleted since we found it: look again (another may exist), and only then create.
        const again = await this.find();
        return again ? this.edit(again, body, mayShrink, false) : this.create(body);
      }
      throw toGitHubError(error, `update the TestMaster comment ${existing.id} on ${this.where}`);
    }
  }

  private async create(body: string, mayShrink = true, mayRepost = true): Promise<StickyCommentResult> {
    try {
      const { data } = await this.octokit.rest.issues.createComment({
        owner: this.request.owner,
        repo: this.request.repo,
        issue_number: this.request.issueNumber,
        body,
        // Not retried by the retry plugin: a failed POST may still have created the comment.
        request: { retries: 0 },
      });
      return { action: 'created', id: data.id, url: data.html_url };
    } catch (error) {
      if (mayShrink && isBodyTooLongError(error) && this.request.shrink) return this.create(this.shrunkOnce(body), false, mayRepost);
      const status = describeFailure(error).status;
      const mayHaveLanded = status === null || status >= 500;
      if (!mayHaveLanded || !mayRepost) throw toGitHubError(error, `post the TestMaster comment on ${this.where}`);
      const landed = await this.find();
      if (landed) {
        return landed.body === body ? { action: 'created', id: landed.id, url: landed.url } : this.edit(landed, body, mayShrink, false);
      }
      return this.create(body, mayShrink, false);
    }
  }

  private find(): Promise<FoundComment | null> {
    return findStickyComment(this.octokit, this.request);
  }

  /** The body starting with the marker (how findStickyComment recognises it). */
  private withMarker(body: string): string {
    return body.startsWith(this.request.marker) ? body : `${this.request.marker}\n${body}`;
  }

  /** The body within GitHub's limit, shrunk first when needed; refused when it cannot be. */
  private fitted(body: string): string {
    if (fitsCommentLimit(body)) return body;
    if (!this.request.shrink) throw this.tooLong(body, 'and no way to shorten it was given');
    const shorter = this.withMarker(this.request.shrink(body));
    if (!fitsCommentLimit(shorter)) throw this.tooLong(shorter, 'even after shortening');
    return shorter;
  }

  /** After GitHub's 422 "too long": one more shrink; the result must be shorter and within the limit. */
  private shrunkOnce(body: string): string {
    const shorter = this.withMarker(this.request.shrink!(body));
    if (shorter.length >= body.length || !fitsCommentLimit(shorter)) {
      throw new GitHubError(`could not post the TestMaster comment on ${this.where}: GitHub says the body (${body.length} characters) is too long and shortening it did not help; this is a TestMaster bug, please report it`);
    }
    return shorter;
  }

  private tooLong(body: string, why: string): GitHubError {
    return new GitHubError(
      `could not post the TestMaster comment on ${this.where}: its body is ${body.length} characters, over GitHub's ${MAX_COMMENT_CHARS.toLocaleString('en-US')} limit ${why}; this is a TestMaster bug, please report it`,
    );
  }
}
