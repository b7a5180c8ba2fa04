/**
 * GitHub's published REST description (`@octokit/openapi`, api.github.com.json, OpenAPI 3.0) as a
 * route table and a set of lazily compiled validators. The 13 MB file is read once per process; each
 * operation's schemas are compiled (ajv) the first time a request uses them, then cached.
 *
 * OpenAPI 3.0 is not JSON Schema: `nullable: true` is rewritten to a `null` type (or an `anyOf` with
 * `null` when the schema has no type), `$ref`s into `#/components/...` point into one shared document
 * registered under the id `gh`, and the description's own formats (int64, repo.nwo, ...) are accepted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SpecParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: JsonObject;
  /** Path parameters only: may span several segments (`heads/feature/x`). */
  readonly multiSegment: boolean;
}

export interface SpecOperation {
  readonly method: string;
  /** e.g. `/repos/{owner}/{repo}/issues/{issue_number}/comments` */
  readonly template: string;
  /** e.g. `issues/create-comment` */
  readonly operationId: string;
  readonly parameters: readonly SpecParameter[];
  readonly requestBody: { readonly required: boolean; readonly schema: JsonObject | null } | null;
  readonly documentationUrl: string;
}

export interface OperationMatch {
  readonly operation: SpecOperation;
  /** Decoded path parameters, as strings. */
  readonly pathParams: Readonly<Record<string, string>>;
}

interface Route {
  readonly operation: SpecOperation;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  /** Literal segments count; more literals win over parameters when two templates match. */
  readonly literals: number;
}

export interface OpenApiSpec {
  match(method: string, pathname: string): OperationMatch | null;
  /** Documented templates for a path under any method (for "method not allowed" messages). */
  methodsFor(pathname: string): string[];
  /** Validates data against the request body schema; returns error lines (empty when valid). */
  validateBody(operation: SpecOperation, body: unknown): string[];
  /** Top-level body properties the schema does not name (GitHub ignores them; so would our typo). */
  unknownBodyProperties(operation: SpecOperation, body: unknown): string[];
  /** Validates (and coerces, filling defaults) path or query parameters in place. */
  validateParameters(operation: SpecOperation, location: 'path' | 'query', values: Record<string, unknown>): string[];
  /** Validates a JSON response against the documented schema for its status; null when undocumented. */
  validateResponse(operation: SpecOperation, status: number, body: unknown): string[] | null;
  /** A documented example value (`components/examples/<name>`), deep-copied. */
  example(name: string): unknown;
}

const SPEC_ID = 'gh';
const OWN_FORMATS = ['int64', 'int32', 'double', 'float', 'binary', 'repo.nwo', 'byte', 'password'];
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let cached: OpenApiSpec | null = null;

/** The description, loaded and indexed once per process. */
export function loadOpenApiSpec(): OpenApiSpec {
  cached ??= buildSpec(readSpecFile());
  return cached;
}

function readSpecFile(): JsonObject {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  return JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
}

function buildSpec(raw: JsonObject): OpenApiSpec {
  const components = raw['components'] as JsonObject;
  const parameters = components['parameters'] as JsonObject;
  const responses = components['responses'] as JsonObject;
  const examples = components['examples'] as JsonObject;
  const routes = buildRoutes(raw['paths'] as JsonObject, parameters);

  const shared = { $id: SPEC_ID, components: { schemas: normalizeMap(components['schemas'] as JsonObject) } };
  const bodyAjv = newAjv({ coerceTypes: false, useDefaults: false });
  bodyAjv.addSchema(shared);
  const paramAjv = newAjv({ coerceTypes: 'array', useDefaults: true });
  paramAjv.addSchema(shared);

  const validators = new Map<string, ValidateFunction | null>();
  const compileOnce = (key: string, ajv: Ajv, schema: () => JsonObject | null): ValidateFunction | null => {
    if (!validators.has(key)) {
      const source = schema();
      validators.set(key, source === null ? null : ajv.compile(source));
    }
    return validators.get(key) ?? null;
  };

  const responseSchema = (operation: SpecOperation, status: number): JsonObject | null => {
    const op = ((raw['paths'] as JsonObject)[operation.template] as JsonObject)[operation.method.toLowerCase()] as JsonObject;
    const documented = op['responses'] as JsonObject;
    let response = (documented[String(status)] ?? null) as JsonObject | null;
    if (response && typeof response['$ref'] === 'string') response = responses[refName(response['$ref'])] as JsonObject;
    const content = response?.['content'] as JsonObject | undefined;
    const json = content?.['application/json'] as JsonObject | undefined;
    return json?.['schema'] ? (normalizeSchema(json['schema']) as JsonObject) : null;
  };

  return {
    match: (method, pathname) => matchRoute(routes, method.toUpperCase(), pathname),
    methodsFor: (pathname) =>
      routes.filter((route) => route.pattern.test(pathname)).map((route) => `${route.operation.method} ${route.operation.template}`),
    validateBody: (operation, body) => {
      const validate = compileOnce(`body ${operation.operationId}`, bodyAjv, () => operation.requestBody?.schema ?? null);
      if (!validate || validate(body)) return [];
      return describeErrors(validate, 'body');
    },
    unknownBodyProperties: (operation, body) => {
      const schema = operation.requestBody?.schema;
      if (!schema || !isObject(body) || !isObject(schema['properties'] ?? null)) return [];
      if ('additionalProperties' in schema || 'oneOf' in schema || 'anyOf' in schema || 'allOf' in schema) return [];
      const known = new Set(Object.keys(schema['properties'] as JsonObject));
      return Object.keys(body).filter((key) => !known.has(key));
    },
    validateParameters: (operation, location, values) => {
      const validate = compileOnce(`${location} ${operation.operationId}`, paramAjv, () => parameterObjectSchema(operation, location));
      if (!validate || validate(values)) return [];
      return describeErrors(validate, location);
    },
    validateResponse: (operation, status, body) => {
      const validate = compileOnce(`response ${operation.operationId} ${status}`, bodyAjv, () => responseSchema(operation, status));
      if (!validate) return null;
      return validate(body) ? [] : describeErrors(validate, 'response');
    },
    example: (name) => {
      const entry = examples[name] as JsonObject | undefined;
      if (!entry) throw new Error(`no example named ${name} in the OpenAPI description`);
      return structuredClone(entry['value']);
    },
  };
}

function newAjv(options: { coerceTypes: false | 'array'; useDefaults: boolean }): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, ...options });
  addFormats(ajv);
  for (const format of OWN_FORMATS) ajv.addFormat(format, true);
  return ajv;
}

function buildRoutes(paths: JsonObject, sharedParameters: JsonObject): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(paths)) {
    const pathItem = item as JsonObject;
    const common = (pathItem['parameters'] as Json[] | undefined) ?? [];
    for (const [method, value] of Object.entries(pathItem)) {
      if (!['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(method)) continue;
      const op = value as JsonObject;
      const parameters = [...common, ...((op['parameters'] as Json[] | undefined) ?? [])].map((p) =>
        resolveParameter(p as JsonObject, sharedParameters),
      );
      const body = op['requestBody'] as JsonObject | undefined;
      const bodyContent = body?.['content'] as JsonObject | undefined;
      const bodyJson = bodyContent?.['application/json'] as JsonObject | undefined;
      const docs = op['externalDocs'] as JsonObject | undefined;
      const operation: SpecOperation = {
        method: method.toUpperCase(),
        template,
        operationId: String(op['operationId']),
        parameters,
        requestBody: body
          ? { required: body['required'] === true, schema: bodyJson?.['schema'] ? (normalizeSchema(bodyJson['schema']) as JsonObject) : null }
          : null,
        documentationUrl: typeof docs?.['url'] === 'string' ? docs['url'] : 'https://docs.github.com/rest',
      };
      routes.push(routeFor(operation));
    }
  }
  return routes;
}

function resolveParameter(parameter: JsonObject, shared: JsonObject): SpecParameter {
  const resolved = typeof parameter['$ref'] === 'string' ? (shared[refName(parameter['$ref'])] as JsonObject) : parameter;
  return {
    name: String(resolved['name']),
    in: resolved['in'] as SpecParameter['in'],
    required: resolved['required'] === true,
    schema: (normalizeSchema(resolved['schema'] ?? {}) as JsonObject) ?? {},
    multiSegment: resolved['x-multi-segment'] === true,
  };
}

function routeFor(operation: SpecOperation): Route {
  const names: string[] = [];
  let literals = 0;
  const parts = operation.template.split('/').map((segment) => {
    const param = /^\{(.+)\}$/.exec(segment);
    if (!param) {
      if (segment) literals += 1;
      return escapeRegExp(segment);
    }
    const name = param[1]!;
    names.push(name);
    const multi = operation.parameters.some((p) => p.in === 'path' && p.name === name && p.multiSegment);
    return multi ? '(.+)' : '([^/]+)';
  });
  return { operation, pattern: new RegExp(`^${parts.join('/')}$`), names, literals };
}

function matchRoute(routes: readonly Route[], method: string, pathname: string): OperationMatch | null {
  let best: { route: Route; values: string[] } | null = null;
  for (const route of routes) {
    if (route.operation.method !== method) continue;
    const found = route.pattern.exec(pathname);
    if (!found) continue;
    if (!best || route.literals > best.route.literals) best = { route, values: found.slice(1) };
  }
  if (!best) return null;
  const pathParams: Record<string, string> = {};
  best.route.names.forEach((name, index) => {
    pathParams[name] = safeDecode(best.values[index] ?? '');
  });
  return { operation: best.route.operation, pathParams };
}

function parameterObjectSchema(operation: SpecOperation, location: 'path' | 'query'): JsonObject {
  const own = operation.parameters.filter((p) => p.in === location);
  const properties: JsonObject = {};
  for (const parameter of own) properties[parameter.name] = textParameterSchema(parameter.schema);
  return {
    type: 'object',
    properties,
    required: own.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
}

/**
 * In a URL, `42` fits both `integer` and `string` (e.g. `workflow_id`: an id or a file name), so a
 * parameter's top-level `oneOf` would refuse every number: it is read as `anyOf`.
 */
function textParameterSchema(schema: JsonObject): JsonObject {
  if (!Array.isArray(schema['oneOf'])) return schema;
  const { oneOf, ...rest } = schema;
  return { ...rest, anyOf: oneOf };
}

/** Keywords whose value is a map of names to schemas, or one schema, or a list of schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SCHEMA_ONE = new Set(['items', 'additionalProperties', 'not', 'additionalItems', 'propertyNames', 'contains']);
const SCHEMA_LIST = new Set(['oneOf', 'anyOf', 'allOf']);
/** Annotations dropped to keep the compiled schemas small. */
const DROPPED = new Set(['example', 'examples', 'description', 'externalDocs', 'xml']);

/** OpenAPI 3.0 schema -> JSON Schema as ajv reads it; `$ref`s point into the shared `gh` document. */
export function normalizeSchema(node: Json | undefined): Json {
  if (!isObject(node ?? null)) return node ?? {};
  const schema = node as JsonObject;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `${SPEC_ID}${value}`;
    else if (SCHEMA_MAPS.has(key) && isObject(value)) out[key] = normalizeMap(value);
    else if (SCHEMA_ONE.has(key) && isObject(value)) out[key] = normalizeSchema(value);
    else if (SCHEMA_LIST.has(key) && Array.isArray(value)) out[key] = value.map((item) => normalizeSchema(item));
    else out[key] = value;
  }
  if (out['nullable'] !== true) {
    delete out['nullable'];
    return out;
  }
  delete out['nullable'];
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

function normalizeMap(map: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [name, schema] of Object.entries(map)) out[name] = normalizeSchema(schema);
  return out;
}

function describeErrors(validate: ValidateFunction, where: string): string[] {
  return (validate.errors ?? []).slice(0, 8).map((error) => {
    const at = error.instancePath ? `${where}${error.instancePath.replace(/\//g, '.')}` : where;
    const extra = error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})` : '';
    return `${at} ${error.message ?? 'is invalid'}${extra}`;
  });
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
