/**
 * How TestMaster answers a `/testmaster` command on the comment itself: a reaction (`eyes` when it
 * is received, `+1` when done, `-1` when refused, `confused` when it could not be done) and a short
 * reply comment of one line. A refused commenter gets `-1` and a reply saying who may run commands.
 *
 * A reply is posted once: the retry plugin does not repeat it (a failed POST may have landed).
 */
import { breakHtmlComments } from '../../report/escape-markdown.js';
import type { Octokit } from '../create-octokit.js';
import { toGitHubError } from '../github-errors.js';

export type CommandReaction = 'eyes' | '+1' | '-1' | 'confused';

export interface CommandComment {
  readonly owner: string;
  readonly repo: string;
  /** The pull request (or issue) the command was posted on. */
  readonly issueNumber: number;
  /** The command comment's id. */
  readonly commentId: number;
}

export interface PostedReply {
  readonly id: number;
  readonly url: string;
}

export async function reactToCommand(octokit: Octokit, comment: CommandComment, content: CommandReaction): Promise<void> {
  const { owner, repo, commentId } = comment;
  try {
    await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
  } catch (error) {
    throw toGitHubError(error, `react with ${content} to comment ${commentId} on ${owner}/${repo}#${comment.issueNumber}`);
  }
}

/**
 * Posts `text` (flattened to one line) as a comment on the pull request. A reply quotes things read
 * from elsewhere (a refused proposal's file name): it never carries `<!--` or `-->` as such, so it
 * can hold no marker TestMaster would take for its own.
 */
export async function replyToCommand(octokit: Octokit, comment: Pick<CommandComment, 'owner' | 'repo' | 'issueNumber'>, text: string): Promise<PostedReply> {
  const { owner, repo, issueNumber } = comment;
  try {
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: breakHtmlComments(oneLine(text)), request: { retries: 0 } });
    return { id: data.id, url: data.html_url };
  } catch (error) {
    throw toGitHubError(error, `reply to the /testmaster command on ${owner}/${repo}#${issueNumber}`);
  }
}

/** The one-line reply to someone who may not run commands. */
export function refusalText(login: string, repository: string): string {
  return `@${login} only people with write, maintain or admin access to ${repository} can run /testmaster commands; ask one of them to comment the command.`;
}

/** `-1` on the command and the one-line refusal. */
export async function refuseCommenter(octokit: Octokit, comment: CommandComment, login: string): Promise<PostedReply> {
  await reactToCommand(octokit, comment, '-1');
  return replyToCommand(octokit, comment, refusalText(login, `${comment.owner}/${comment.repo}`));
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
