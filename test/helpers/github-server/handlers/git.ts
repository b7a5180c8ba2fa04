/**
 * Git data: blobs, trees (with base_tree, nested paths, deletion by `sha: null`), commits, and refs
 * (get, create, update with GitHub's fast-forward rule unless `force`, delete). Errors are GitHub's
 * 422 answers with its messages ("Update is not a fast forward", "Reference already exists", ...).
 */
import { GitStoreError, type TreeChange, type TreeEntryType } from '../git-store.js';
import { notFound, repoOf, unprocessable, type Handler, type HandlerContext } from './types.js';

function gitCall<T>(context: HandlerContext, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof GitStoreError) throw unprocessable(context, error.message);
    throw error;
  }
}

const createBlob: Handler = (context) => {
  const repo = repoOf(context);
  const encoding = String(context.body['encoding'] ?? 'utf-8');
  if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64') throw unprocessable(context, `encoding must be utf-8 or base64, not ${encoding}`);
  const content = Buffer.from(String(context.body['content']), encoding === 'base64' ? 'base64' : 'utf8');
  const sha = repo.git.createBlob(content);
  const view = context.views.shortBlob(repo.owner, repo.name, sha);
  return { status: 201, body: view, headers: { location: String(view['url']) } };
};

const getBlob: Handler = (context) => {
  const repo = repoOf(context);
  const sha = String(context.params['file_sha']);
  const content = repo.git.blob(sha);
  if (!content) throw notFound(context);
  return { status: 200, body: context.views.blob(repo.owner, repo.name, sha, content) };
};

const createTree: Handler = (context) => {
  const repo = repoOf(context);
  const entries = (context.body['tree'] as Array<Record<string, unknown>>).map(
    (entry): TreeChange => ({
      path: String(entry['path'] ?? ''),
      mode: String(entry['mode'] ?? '100644'),
      type: String(entry['type'] ?? 'blob') as TreeEntryType,
      ...('sha' in entry ? { sha: entry['sha'] as string | null } : {}),
      ...(typeof entry['content'] === 'string' ? { content: entry['content'] } : {}),
    }),
  );
  const base = typeof context.body['base_tree'] === 'string' ? context.body['base_tree'] : undefined;
  const sha = gitCall(context, () => repo.git.createTree(entries, base));
  const view = context.views.gitTree(repo.owner, repo.name, repo.git, sha, false);
  return { status: 201, body: view, headers: { location: String(view['url']) } };
};

const getTree: Handler = (context) => {
  const repo = repoOf(context);
  const sha = String(context.params['tree_sha']);
  if (!repo.git.tree(sha)) throw notFound(context);
  const recursive = context.query['recursive'] !== undefined;
  return { status: 200, body: context.views.gitTree(repo.owner, repo.name, repo.git, sha, recursive) };
};

const createCommit: Handler = (context) => {
  const repo = repoOf(context);
  const body = context.body;
  const now = context.state.now();
  const fallback = { name: context.identity.login, email: `${context.identity.id}+${context.identity.login}@users.noreply.github.com`, date: now };
  const person = (value: unknown) => {
    const given = (value ?? {}) as Record<string, unknown>;
    return value === undefined
      ? fallback
      : { name: String(given['name']), email: String(given['email']), date: typeof given['date'] === 'string' ? given['date'] : now };
  };
  const author = person(body['author']);
  const committer = body['committer'] === undefined ? author : person(body['committer']);
  const commit = gitCall(context, () =>
    repo.git.createCommit({
      tree: String(body['tree']),
      parents: ((body['parents'] as string[] | undefined) ?? []).map(String),
      message: String(body['message']),
      author,
      committer,
    }),
  );
  const view = context.views.gitCommit(repo.owner, repo.name, commit);
  return { status: 201, body: view, headers: { location: String(view['url']) } };
};

const getCommit: Handler = (context) => {
  const repo = repoOf(context);
  const commit = repo.git.commit(String(context.params['commit_sha']));
  if (!commit) throw notFound(context);
  return { status: 200, body: context.views.gitCommit(repo.owner, repo.name, commit) };
};

const getRef: Handler = (context) => {
  const repo = repoOf(context);
  const name = `refs/${String(context.params['ref'])}`;
  const sha = repo.git.ref(name);
  if (!sha) throw notFound(context);
  return { status: 200, body: context.views.gitRef(repo.owner, repo.name, name, sha) };
};

const createRef: Handler = (context) => {
  const repo = repoOf(context);
  const name = String(context.body['ref']);
  const sha = String(context.body['sha']);
  gitCall(context, () => repo.git.createRef(name, sha));
  const view = context.views.gitRef(repo.owner, repo.name, name, sha);
  return { status: 201, body: view, headers: { location: String(view['url']) } };
};

const updateRef: Handler = (context) => {
  const repo = repoOf(context);
  const name = `refs/${String(context.params['ref'])}`;
  const sha = String(context.body['sha']);
  gitCall(context, () => repo.git.updateRef(name, sha, context.body['force'] === true));
  return { status: 200, body: context.views.gitRef(repo.owner, repo.name, name, sha) };
};

const deleteRef: Handler = (context) => {
  const repo = repoOf(context);
  gitCall(context, () => repo.git.deleteRef(`refs/${String(context.params['ref'])}`));
  return { status: 204 };
};

export const GIT_HANDLERS: Readonly<Record<string, Handler>> = {
  'git/create-blob': createBlob,
  'git/get-blob': getBlob,
  'git/create-tree': createTree,
  'git/get-tree': getTree,
  'git/create-commit': createCommit,
  'git/get-commit': getCommit,
  'git/get-ref': getRef,
  'git/create-ref': createRef,
  'git/update-ref': updateRef,
  'git/delete-ref': deleteRef,
};
