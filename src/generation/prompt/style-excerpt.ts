/**
 * An existing test file cut down to what shows its style (pure): its imports, top-level mocks and
 * setup, and whole top-level statements in order while they fit in `maxLines`; when the first test
 * block alone is too long, its first lines. The rest becomes `// … N more lines omitted`.
 */
import ts from 'typescript';
import { parseModule, statementSpan } from './source-syntax.js';

export const DEFAULT_STYLE_EXAMPLE_LINES = 24;

export function styleExcerpt(content: string, fileName: string, maxLines = DEFAULT_STYLE_EXAMPLE_LINES): string {
  const lines = content.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  if (lines.length <= maxLines) return lines.join('\n');
  const file = parseModule(content, fileName);
  const kept: string[] = [];
  let budget = maxLines;
  let lastLine = 0;
  for (const statement of file.statements) {
    const span = statementSpan(statement, file);
    const size = span.last - lastLine;
    const essential = ts.isImportDeclaration(statement) || isRequireStatement(statement);
    if (!essential && size > budget) {
      if (kept.length === 0 || budget >= 10) {
        kept.push(...lines.slice(lastLine, lastLine + budget));
        lastLine += budget;
      }
      break;
    }
    kept.push(...lines.slice(lastLine, span.last));
    lastLine = span.last;
    budget -= size;
  }
  const omitted = lines.length - lastLine;
  return omitted > 0 ? `${kept.join('\n')}\n// … ${omitted} more lines omitted` : kept.join('\n');
}

function isRequireStatement(statement: ts.Statement): boolean {
  return ts.isVariableStatement(statement) && /\brequire\s*\(/.test(statement.declarationList.getText());
}
