/**
 * Model mode: the tests' OpenAI-compatible server on 127.0.0.1 answering each prompt from recorded
 * answers, `<answers>/<case id>/<module path>.answer` (the test file as a model wrote it; `{{MODULE}}`
 * stands for the import specifier the prompt gives). A module with no recorded answer gets an answer with
 * no file, which the report shows as nothing kept.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startScriptedModel, type ModelRequestRecord, type ScriptedModel } from '../scripted-model.js';

export function answerFile(answers: string, caseId: string, module: string): string {
  return join(answers, caseId, `${module}.answer`);
}

/** `<prompts>/<case id>/<module path>.prompt`: the first prompt TestMaster sent for the module. */
export function promptFile(prompts: string, caseId: string, module: string): string {
  return join(prompts, caseId, `${module}.prompt`);
}

/**
 * Writes the first user prompt of each module the model was asked about (healing turns repeat it), so a
 * person can answer it as a model would, reading that prompt alone. Returns the files written.
 */
export function writePrompts(prompts: string, caseId: string, records: readonly ModelRequestRecord[]): string[] {
  const written: string[] = [];
  for (const record of records) {
    if (record.module === null) continue;
    const file = promptFile(prompts, caseId, record.module);
    if (written.includes(file)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, record.userPrompt);
    written.push(file);
  }
  return written;
}

export function hasAnswers(answers: string, caseId: string): boolean {
  return existsSync(join(answers, caseId));
}

export async function startRecordedModel(answers: string, caseId: string): Promise<ScriptedModel> {
  const model = await startScriptedModel();
  model.script((module, conventions) => {
    const file = answerFile(answers, caseId, module);
    if (!existsSync(file)) return null;
    return { path: conventions.testPath, content: readFileSync(file, 'utf8').replaceAll('{{MODULE}}', conventions.moduleSpecifier) };
  }, 0);
  return model;
}
