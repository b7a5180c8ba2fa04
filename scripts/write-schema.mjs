/**
 * Writes schema/testmaster.schema.json from the zod schema (src/config/schema.ts).
 *
 * Run with `npm run schema` (Node 24 from node_modules/.bin). Node 24 strips TypeScript types natively,
 * so this imports the .ts source directly; that works because src/config/schema.ts imports nothing from
 * the project (a relative `./x.js` import would not resolve to `./x.ts` here). Keep it that way.
 * test/unit/config/json-schema.test.ts fails when the committed file differs from what this writes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { serializeConfigJsonSchema } = await import(join(root, 'src/config/schema.ts'));
const target = join(root, 'schema/testmaster.schema.json');
await mkdir(dirname(target), { recursive: true });
await writeFile(target, serializeConfigJsonSchema());
console.log(`wrote ${target}`);
