/**
 * The benchmark's model: the tests' local OpenAI-compatible server (test/helpers/model-server.ts)
 * answering every request, after a fixed latency, with the test file scripted for the module named in
 * the prompt (the first line of the "## Module under test" section), at the test path and with the
 * import specifier the prompt's conventions give, as a model following the prompt would. Usage is reported as a real
 * provider would: prompt tokens counted from the request with the model's tokenizer (the messages plus
 * the response_format schema), completion tokens from the answer. Every request's module, arrival and
 * answer times are recorded, so model waiting can be told apart from the rest.
 */
import { countPromptTokens, countTextTokens, type PromptMessage } from '../src/budget/count-tokens.js';
import { chatCompletion, startModelServer, type ModelServer, type RecordedRequest } from '../test/helpers/model-server.js';

export interface AnsweredFile {
  readonly path: string;
  readonly content: string;
}

export interface ModelRequestRecord {
  /** The module named in the prompt, or null when none was found. */
  readonly module: string | null;
  /** The first user message (the prompt as built, before any healing turn). */
  readonly userPrompt: string;
  readonly promptTokens: number;
  readonly arrivedAtMs: number;
  readonly answeredAtMs: number;
}

/** What the prompt's conventions say about the new test file. */
export interface PromptConventions {
  /** `Test file: <path>`. */
  readonly testPath: string;
  /** The specifier in `Import the module under test with: ... from '<specifier>'` (or require). */
  readonly moduleSpecifier: string;
}

export interface ScriptedModel {
  readonly baseUrl: string;
  readonly records: readonly ModelRequestRecord[];
  /** Sets what to answer for a module path (null: an answer with no file). */
  script(answerFor: (module: string, conventions: PromptConventions) => AnsweredFile | null, latencyMs: number): void;
  stop(): Promise<void>;
}

interface RequestBody {
  readonly model?: string;
  readonly messages?: readonly PromptMessage[];
  readonly response_format?: { readonly json_schema?: { readonly schema?: unknown } };
}

const MODULE_SECTION = /## Module under test\n[^\n]*\n(\S+)\n/;
const TEST_FILE_LINE = /^Test file: (\S+)/m;
const MODULE_IMPORT_LINE = /^Import the module under test with: .*?(?:from |require\()'([^']+)'/m;

function firstUserText(body: RequestBody): string {
  const first = body.messages?.find((message) => message.role === 'user');
  return typeof first?.content === 'string' ? first.content : '';
}

export function moduleNamedIn(prompt: string): string | null {
  return MODULE_SECTION.exec(prompt)?.[1] ?? null;
}

export function conventionsIn(prompt: string): PromptConventions | null {
  const testPath = TEST_FILE_LINE.exec(prompt)?.[1];
  const moduleSpecifier = MODULE_IMPORT_LINE.exec(prompt)?.[1];
  return testPath === undefined || moduleSpecifier === undefined ? null : { testPath, moduleSpecifier };
}

export async function startScriptedModel(): Promise<ScriptedModel> {
  const server: ModelServer = await startModelServer();
  const records: ModelRequestRecord[] = [];
  return {
    baseUrl: server.baseUrl,
    records,
    script(answerFor, latencyMs) {
      server.respondWith((request: RecordedRequest) => {
        const body = request.body as RequestBody;
        const model = body.model ?? 'gpt-4o-mini';
        const userPrompt = firstUserText(body);
        const module = moduleNamedIn(userPrompt);
        const conventions = conventionsIn(userPrompt);
        const file = module === null || conventions === null ? null : answerFor(module, conventions);
        const content = JSON.stringify({ files: file ? [{ path: file.path, content: file.content, cases: [] }] : [], notes: null });
        const schema = body.response_format?.json_schema?.schema;
        const promptTokens = countPromptTokens(body.messages ?? [], model, { extraText: schema === undefined ? [] : [JSON.stringify(schema)] });
        const arrivedAtMs = performance.now();
        records.push({ module, userPrompt, promptTokens, arrivedAtMs, answeredAtMs: arrivedAtMs + latencyMs });
        return { status: 200, body: chatCompletion({ content, model, usage: { prompt: promptTokens, completion: countTextTokens(content, model) } }), delayMs: latencyMs };
      });
    },
    stop: () => server.stop(),
  };
}
