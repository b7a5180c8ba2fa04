/**
 * Issue and pull-request comments (list with pagination and `since`, get, create, update, delete),
 * reactions on them, and a collaborator's permission. GitHub's 65,536-character limit on a comment
 * body is enforced (422, the same answer GitHub gives).
 */
import { bodyTooLongError } from '../faults.js';
import { pageHeaders, paginate } from '../pagination.js';
import type { StoredComment } from '../state.js';
import { HttpFailure, integer, notFound, repoOf, validationFailed, type Handler, type HandlerContext } from './types.js';

/** GitHub counts characters (code points). */
export const MAX_COMMENT_CHARS = 65_536;

function issueOf(context: HandlerContext): number {
  const repo = repoOf(context);
  const number = integer(context.params['issue_number']);
  if (!repo.issues.has(number)) throw notFound(context);
  return number;
}

function commentOf(context: HandlerContext): StoredComment {
  const repo = repoOf(context);
  const comment = context.state.comment(integer(context.params['comment_id']));
  if (!comment || comment.owner !== repo.owner || comment.repo !== repo.name) throw notFound(context);
  return comment;
}

function checkLength(body: string): void {
  if ([...body].length > MAX_COMMENT_CHARS) throw new HttpFailure(422, bodyTooLongError());
}

const listComments: Handler = (context) => {
  const repo = repoOf(context);
  const number = issueOf(context);
  const since = typeof context.query['since'] === 'string' ? Date.parse(context.query['since']) : null;
  const all = context.state
    .comments(repo.owner, repo.name, number)
    .filter((comment) => since === null || Date.parse(comment.updatedAt) >= since);
  const page = paginate(all, context.query, context.url);
  return {
    status: 200,
    body: page.items.map((comment) => context.views.issueComment(comment)),
    headers: pageHeaders(page),
  };
};

const createComment: Handler = (context) => {
  const repo = repoOf(context);
  const number = issueOf(context);
  const body = String(context.body['body']);
  checkLength(body);
  const comment = context.state.addComment(repo.owner, repo.name, number, { body, author: context.identity.login });
  const view = context.views.issueComment(comment);
  return { status: 201, body: view, headers: { location: String(view['url']) } };
};

const getComment: Handler = (context) => ({ status: 200, body: context.views.issueComment(commentOf(context)) });

const updateComment: Handler = (context) => {
  const comment = commentOf(context);
  const body = String(context.body['body']);
  checkLength(body);
  comment.body = body;
  comment.updatedAt = context.state.now();
  return { status: 200, body: context.views.issueComment(comment) };
};

const deleteComment: Handler = (context) => {
  context.state.deleteComment(commentOf(context).id);
  return { status: 204 };
};

const createReaction: Handler = (context) => {
  const comment = commentOf(context);
  const content = String(context.body['content']);
  const existing = comment.reactions.find((r) => r.user === context.identity.login && r.content === content);
  if (existing) return { status: 200, body: context.views.reaction(existing) };
  const id = context.state.newId();
  const reaction = { id, nodeId: `REA_${Buffer.from(`fake:${id}`).toString('base64url')}`, content, user: context.identity.login, createdAt: context.state.now() };
  comment.reactions.push(reaction);
  return { status: 201, body: context.views.reaction(reaction) };
};

const listReactions: Handler = (context) => {
  const comment = commentOf(context);
  const content = context.query['content'];
  const all = comment.reactions.filter((r) => content === undefined || r.content === content);
  const page = paginate(all, context.query, context.url);
  return { status: 200, body: page.items.map((r) => context.views.reaction(r)), headers: pageHeaders(page) };
};

const collaboratorPermission: Handler = (context) => {
  const repo = repoOf(context);
  const login = String(context.params['username']);
  if (!/^[A-Za-z0-9-]+(\[bot\])?$/.test(login)) throw validationFailed(context, [{ resource: 'User', field: 'username', code: 'invalid' }]);
  return { status: 200, body: context.views.collaboratorPermission(repo, login) };
};

export const COMMENT_HANDLERS: Readonly<Record<string, Handler>> = {
  'issues/list-comments': listComments,
  'issues/create-comment': createComment,
  'issues/get-comment': getComment,
  'issues/update-comment': updateComment,
  'issues/delete-comment': deleteComment,
  'reactions/create-for-issue-comment': createReaction,
  'reactions/list-for-issue-comment': listReactions,
  'repos/get-collaborator-permission-level': collaboratorPermission,
};
