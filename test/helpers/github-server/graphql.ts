/**
 * A minimal GitHub GraphQL endpoint: a real (small) parser for query documents, and a resolver for
 * the few fields our code reads: `viewer { login }`, `node(id:)` / `nodes(ids:)` resolving issue
 * comments, and on IssueComment: id, databaseId, fullDatabaseId, body, url, createdAt, updatedAt,
 * isMinimized, minimizedReason, viewerDidAuthor, author { login }, __typename. Anything else
 * (mutations, fragments definitions, unknown fields or types, undeclared or unused variables,
 * variables of the wrong type) is answered with GraphQL errors, as GitHub does (HTTP 200 with
 * `errors`), and reported as a violation so a test sees it.
 *
 * Field names and types follow GitHub's public schema (Comment.viewerDidAuthor: Boolean!,
 * Minimizable.isMinimized: Boolean!, Query.nodes(ids: [ID!]!): [Node]!, at most 100 ids).
 */
import type { GitHubState, Identity, StoredComment } from './state.js';

type Value =
  | { kind: 'variable'; name: string }
  | { kind: 'literal'; value: unknown }
  | { kind: 'list'; items: Value[] }
  | { kind: 'object'; fields: Record<string, Value> };

interface Field {
  kind: 'field';
  alias: string | null;
  name: string;
  args: Record<string, Value>;
  selections: Selection[] | null;
}
interface InlineFragment {
  kind: 'inline';
  typeCondition: string | null;
  selections: Selection[];
}
type Selection = Field | InlineFragment;

interface Operation {
  type: 'query' | 'mutation' | 'subscription';
  variables: Map<string, string>;
  selections: Selection[];
}

export interface GraphqlError {
  readonly message: string;
  readonly type?: string;
  readonly path?: ReadonlyArray<string | number>;
}

export interface GraphqlAnswer {
  readonly body: { data?: unknown; errors?: GraphqlError[] };
  /** Errors that mean our query was wrong (not data-dependent ones such as NOT_FOUND). */
  readonly invalid: string[];
}

/** Known object types and the interfaces they implement (for inline fragment type conditions). */
const TYPES: Readonly<Record<string, readonly string[]>> = {
  IssueComment: ['IssueComment', 'Node', 'Comment', 'Minimizable', 'Reactable', 'Deletable', 'Updatable', 'UpdatableComment', 'RepositoryNode'],
  User: ['User', 'Node', 'Actor'],
  Bot: ['Bot', 'Node', 'Actor'],
};
const KNOWN_TYPE_NAMES = new Set([...Object.values(TYPES).flat(), 'PullRequest', 'Issue', 'Query']);

const COMMENT_FIELDS = new Set([
  '__typename', 'id', 'databaseId', 'fullDatabaseId', 'body', 'url', 'createdAt', 'updatedAt',
  'isMinimized', 'minimizedReason', 'viewerDidAuthor', 'author',
]);
const ACTOR_FIELDS = new Set(['__typename', 'login', 'id', 'databaseId']);
const ACTOR_INTERFACE_FIELDS = new Set(['__typename', 'login']);
const NODE_FIELDS = new Set(['__typename', 'id']);

class QueryError extends Error {}

/** Resolved against to check a selection when no real comment is at hand. */
const PLACEHOLDER_COMMENT: StoredComment = {
  id: 0, nodeId: 'IC_placeholder', owner: 'o', repo: 'r', issueNumber: 0, body: '', author: 'nobody',
  createdAt: '1970-01-01T00:00:00Z', updatedAt: '1970-01-01T00:00:00Z', minimizedReason: null, reactions: [],
};

export function answerGraphql(state: GitHubState, viewer: Identity, body: unknown): GraphqlAnswer {
  const request = body as { query?: unknown; variables?: unknown } | null;
  if (!request || typeof request.query !== 'string') return invalid('A query attribute must be specified and must be a string.');
  const variables = (request.variables ?? {}) as Record<string, unknown>;
  if (typeof variables !== 'object' || Array.isArray(variables)) return invalid('Variables must be an object');
  let operation: Operation;
  try {
    operation = parseDocument(request.query);
  } catch (error) {
    return invalid(`Parse error: ${(error as Error).message}`);
  }
  if (operation.type !== 'query') return invalid(`the fake GitHub answers queries only, not ${operation.type} operations`);
  try {
    checkVariables(operation, variables);
    const resolver = new Resolver(state, viewer, variables);
    const data = resolver.root(operation.selections);
    return { body: resolver.errors.length > 0 ? { data, errors: resolver.errors } : { data }, invalid: [] };
  } catch (error) {
    if (error instanceof QueryError) return invalid(error.message);
    throw error;
  }
}

function invalid(message: string): GraphqlAnswer {
  return { body: { errors: [{ message }] }, invalid: [message] };
}

class Resolver {
  readonly errors: GraphqlError[] = [];

  constructor(
    private readonly state: GitHubState,
    private readonly viewer: Identity,
    private readonly variables: Record<string, unknown>,
  ) {}

  root(selections: Selection[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const field of this.fields(selections, ['Query'])) {
      const key = field.alias ?? field.name;
      if (field.name === '__typename') out[key] = 'Query';
      else if (field.name === 'viewer') out[key] = this.actor(field, this.viewer.login, this.viewer.type);
      else if (field.name === 'node') {
        const id = this.argument(field, 'id', true);
        if (typeof id !== 'string') throw new QueryError("Argument 'id' on Field 'node' has an invalid value. Expected type 'ID!'.");
        out[key] = this.node(field, id, [key]);
      } else if (field.name === 'nodes') {
        const ids = this.argument(field, 'ids', true);
        if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
          throw new QueryError("Argument 'ids' on Field 'nodes' has an invalid value. Expected type '[ID!]!'.");
        }
        if (ids.length > 100) throw new QueryError('You may not request more than 100 node IDs; you requested ' + ids.length + '.');
        this.checkNodeSelections(field);
        out[key] = ids.map((id, index) => this.node(field, id, [key, index]));
      } else throw new QueryError(`Field '${field.name}' doesn't exist on type 'Query' (the fake GitHub does not implement it)`);
    }
    return out;
  }

  /** GitHub checks the whole query before running it: check the selections even when no node resolves. */
  private checkNodeSelections(field: Field): Selection[] {
    if (!field.selections) throw new QueryError(`Field '${field.name}' of type 'Node' must have a selection of subfields.`);
    this.comment(field.selections, PLACEHOLDER_COMMENT);
    return field.selections;
  }

  private node(field: Field, id: string, path: Array<string | number>): unknown {
    const selections = this.checkNodeSelections(field);
    const comment = this.state.commentByNodeId(id);
    if (!comment) {
      this.errors.push({ type: 'NOT_FOUND', path, message: `Could not resolve to a node with the global id of '${id}'` });
      return null;
    }
    return this.comment(selections, comment);
  }

  private comment(selections: Selection[], comment: StoredComment): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const field of this.fields(selections, TYPES['IssueComment']!, 'Node', NODE_FIELDS)) {
      const key = field.alias ?? field.name;
      if (!COMMENT_FIELDS.has(field.name)) throw new QueryError(`Field '${field.name}' doesn't exist on type 'IssueComment'`);
      switch (field.name) {
        case '__typename': out[key] = 'IssueComment'; break;
        case 'id': out[key] = comment.nodeId; break;
        case 'databaseId': out[key] = comment.id; break;
        case 'fullDatabaseId': out[key] = String(comment.id); break;
        case 'body': out[key] = comment.body; break;
        case 'url': out[key] = `${this.state.htmlOrigin}/${comment.owner}/${comment.repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`; break;
        case 'createdAt': out[key] = comment.createdAt; break;
        case 'updatedAt': out[key] = comment.updatedAt; break;
        case 'isMinimized': out[key] = comment.minimizedReason !== null; break;
        case 'minimizedReason': out[key] = comment.minimizedReason; break;
        case 'viewerDidAuthor': out[key] = comment.author === this.viewer.login; break;
        case 'author': {
          const type = comment.author.endsWith('[bot]') ? 'Bot' : 'User';
          out[key] = this.actor(field, comment.author, type);
          break;
        }
      }
    }
    return out;
  }

  /** An Actor; a bot's GraphQL login has no `[bot]` suffix (REST has it), except for the viewer itself. */
  private actor(field: Field, login: string, type: 'User' | 'Bot'): Record<string, unknown> {
    if (!field.selections) throw new QueryError(`Field '${field.name}' must have a selection of subfields.`);
    const out: Record<string, unknown> = {};
    const staticType = field.name === 'viewer' ? 'User' : 'Actor';
    const direct = field.name === 'viewer' ? undefined : ACTOR_INTERFACE_FIELDS;
    for (const sub of this.fields(field.selections, TYPES[type]!, staticType, direct)) {
      const key = sub.alias ?? sub.name;
      if (!ACTOR_FIELDS.has(sub.name)) throw new QueryError(`Field '${sub.name}' doesn't exist on type '${type}'`);
      if (sub.name === '__typename') out[key] = type;
      else if (sub.name === 'login') out[key] = field.name === 'viewer' ? login : login.replace(/\[bot\]$/, '');
      else if (sub.name === 'id') out[key] = `${type === 'Bot' ? 'BOT' : 'U'}_${Buffer.from(`fake:${this.state.userId(login)}`).toString('base64url')}`;
      else out[key] = this.state.userId(login);
    }
    return out;
  }

  /**
   * Fields selected directly or through inline fragments whose type condition applies. A field
   * selected directly must exist on the static type (`directAllowed`): on `Node` only `id` and
   * `__typename`, so IssueComment fields need `... on IssueComment`, as on GitHub.
   */
  private fields(selections: Selection[], types: readonly string[], staticType?: string, directAllowed?: ReadonlySet<string>): Field[] {
    const out: Field[] = [];
    for (const selection of selections) {
      if (selection.kind === 'field') {
        if (directAllowed && staticType && !directAllowed.has(selection.name)) {
          throw new QueryError(`Field '${selection.name}' doesn't exist on type '${staticType}'`);
        }
        out.push(selection);
      } else {
        const condition = selection.typeCondition;
        if (condition !== null && !KNOWN_TYPE_NAMES.has(condition)) throw new QueryError(`No such type ${condition}, so it can't be a fragment condition`);
        if (condition === null || types.includes(condition)) out.push(...this.fields(selection.selections, types));
      }
    }
    return out;
  }

  private argument(field: Field, name: string, required: boolean): unknown {
    for (const given of Object.keys(field.args)) {
      if (given !== name) throw new QueryError(`Field '${field.name}' doesn't accept argument '${given}'`);
    }
    const value = field.args[name];
    if (!value) {
      if (required) throw new QueryError(`Field '${field.name}' is missing required arguments: ${name}`);
      return undefined;
    }
    return this.evaluate(value);
  }

  private evaluate(value: Value): unknown {
    if (value.kind === 'variable') return this.variables[value.name];
    if (value.kind === 'literal') return value.value;
    if (value.kind === 'list') return value.items.map((item) => this.evaluate(item));
    return Object.fromEntries(Object.entries(value.fields).map(([k, v]) => [k, this.evaluate(v)]));
  }
}

function checkVariables(operation: Operation, given: Record<string, unknown>): void {
  const used = new Set<string>();
  const collect = (selections: Selection[]): void => {
    for (const selection of selections) {
      if (selection.kind === 'field') {
        for (const value of Object.values(selection.args)) collectValue(value);
        if (selection.selections) collect(selection.selections);
      } else collect(selection.selections);
    }
  };
  const collectValue = (value: Value): void => {
    if (value.kind === 'variable') used.add(value.name);
    else if (value.kind === 'list') value.items.forEach(collectValue);
    else if (value.kind === 'object') Object.values(value.fields).forEach(collectValue);
  };
  collect(operation.selections);
  for (const name of used) {
    if (!operation.variables.has(name)) throw new QueryError(`Variable $${name} is used by anonymous query but not declared`);
  }
  for (const [name, type] of operation.variables) {
    if (!used.has(name)) throw new QueryError(`Variable $${name} is declared by anonymous query but not used`);
    if (!conforms(given[name], type)) throw new QueryError(`Variable $${name} of type ${type} was provided invalid value`);
  }
}

/** Whether a JSON value fits a GraphQL input type such as `[ID!]!`, `String`, `Int!`. */
function conforms(value: unknown, type: string): boolean {
  if (type.endsWith('!')) return value !== undefined && value !== null && conforms(value, type.slice(0, -1));
  if (value === undefined || value === null) return true;
  if (type.startsWith('[')) return Array.isArray(value) && value.every((item) => conforms(item, type.slice(1, -1)));
  if (type === 'ID' || type === 'String' || type === 'URI' || type === 'DateTime') return typeof value === 'string' || (type === 'ID' && Number.isInteger(value));
  if (type === 'Int') return Number.isInteger(value);
  if (type === 'Float') return typeof value === 'number';
  if (type === 'Boolean') return typeof value === 'boolean';
  return true;
}

// ---- parser -------------------------------------------------------------------------------------

type Token = { kind: 'punct' | 'name' | 'number' | 'string'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/[\s,\uFEFF]/.test(ch)) { i += 1; continue; }
    if (ch === '#') { while (i < source.length && source[i] !== '\n') i += 1; continue; }
    if (source.startsWith('...', i)) { tokens.push({ kind: 'punct', text: '...' }); i += 3; continue; }
    if ('!$():=@[]{}|&'.includes(ch)) { tokens.push({ kind: 'punct', text: ch }); i += 1; continue; }
    const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(i));
    if (name) { tokens.push({ kind: 'name', text: name[0] }); i += name[0].length; continue; }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) { tokens.push({ kind: 'number', text: number[0] }); i += number[0].length; continue; }
    if (ch === '"') {
      const string = /^"((?:[^"\\\n]|\\.)*)"/.exec(source.slice(i));
      if (!string) throw new Error(`unterminated string at ${i}`);
      tokens.push({ kind: 'string', text: JSON.parse(string[0]) as string });
      i += string[0].length;
      continue;
    }
    throw new Error(`unexpected character '${ch}' at ${i}`);
  }
  return tokens;
}

function parseDocument(source: string): Operation {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token => {
    const token = tokens[pos];
    if (!token) throw new Error('unexpected end of document');
    pos += 1;
    return token;
  };
  const expect = (text: string): void => {
    const token = next();
    if (token.text !== text || token.kind === 'string') throw new Error(`expected '${text}', found '${token.text}'`);
  };
  const isPunct = (text: string): boolean => peek()?.kind === 'punct' && peek()?.text === text;
  const name = (): string => {
    const token = next();
    if (token.kind !== 'name') throw new Error(`expected a name, found '${token.text}'`);
    return token.text;
  };

  const parseType = (): string => {
    let type: string;
    if (isPunct('[')) {
      next();
      type = `[${parseType()}]`;
      expect(']');
    } else type = name();
    if (isPunct('!')) {
      next();
      type += '!';
    }
    return type;
  };

  const parseValue = (): Value => {
    if (isPunct('$')) {
      next();
      return { kind: 'variable', name: name() };
    }
    if (isPunct('[')) {
      next();
      const items: Value[] = [];
      while (!isPunct(']')) items.push(parseValue());
      next();
      return { kind: 'list', items };
    }
    if (isPunct('{')) {
      next();
      const fields: Record<string, Value> = {};
      while (!isPunct('}')) {
        const key = name();
        expect(':');
        fields[key] = parseValue();
      }
      next();
      return { kind: 'object', fields };
    }
    const token = next();
    if (token.kind === 'string') return { kind: 'literal', value: token.text };
    if (token.kind === 'number') return { kind: 'literal', value: Number(token.text) };
    if (token.kind === 'name') {
      if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true' };
      if (token.text === 'null') return { kind: 'literal', value: null };
      return { kind: 'literal', value: token.text }; // enum value
    }
    throw new Error(`unexpected '${token.text}' in a value`);
  };

  const parseSelectionSet = (): Selection[] => {
    expect('{');
    const selections: Selection[] = [];
    while (!isPunct('}')) {
      if (isPunct('...')) {
        next();
        if (peek()?.kind === 'name' && peek()?.text === 'on') {
          next();
          const typeCondition = name();
          selections.push({ kind: 'inline', typeCondition, selections: parseSelectionSet() });
        } else if (isPunct('{')) {
          selections.push({ kind: 'inline', typeCondition: null, selections: parseSelectionSet() });
        } else throw new QueryError(`fragment spreads (...${peek()?.text ?? ''}) are not supported by the fake GitHub`);
        continue;
      }
      let fieldName = name();
      let alias: string | null = null;
      if (isPunct(':')) {
        next();
        alias = fieldName;
        fieldName = name();
      }
      const args: Record<string, Value> = {};
      if (isPunct('(')) {
        next();
        while (!isPunct(')')) {
          const argName = name();
          expect(':');
          args[argName] = parseValue();
        }
        next();
      }
      if (isPunct('@')) throw new QueryError('directives are not supported by the fake GitHub');
      const selectionsOfField = isPunct('{') ? parseSelectionSet() : null;
      selections.push({ kind: 'field', alias, name: fieldName, args, selections: selectionsOfField });
    }
    next();
    if (selections.length === 0) throw new Error('a selection set must not be empty');
    return selections;
  };

  let type: Operation['type'] = 'query';
  const variables = new Map<string, string>();
  if (peek()?.kind === 'name') {
    const keyword = name();
    if (keyword === 'fragment') throw new QueryError('fragment definitions are not supported by the fake GitHub');
    if (keyword !== 'query' && keyword !== 'mutation' && keyword !== 'subscription') throw new Error(`unexpected '${keyword}'`);
    type = keyword;
    if (peek()?.kind === 'name') name();
    if (isPunct('(')) {
      next();
      while (!isPunct(')')) {
        expect('$');
        const variable = name();
        expect(':');
        variables.set(variable, parseType());
        if (isPunct('=')) throw new QueryError('variable default values are not supported by the fake GitHub');
      }
      next();
    }
  }
  const selections = parseSelectionSet();
  if (pos < tokens.length) throw new QueryError('only one operation per document is supported by the fake GitHub');
  return { type, variables, selections };
}
