/**
 * Model mode: the tests' OpenAI-compatible server on 127.0.0.1 answering each prompt from recorded
 * answers, `<answers>/<case id>/<module path>.answer` (the test file as a model wrote it; `{{MODULE}}`
 * stands for the import specifier the prompt gives). A module with no recorded answer gets an answer with
 * no file, which the report shows as nothing kept.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startScriptedModel, type ScriptedModel } from '../scripted-model.js';

export function answerFile(answers: string, caseId: string, module: string): string {
  return join(answers, caseId, `${module}.answer`);
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
