/**
 * Reads many objects with one `git cat-file --batch` process (no process per file), streaming: each
 * object is handed to the callback as soon as it is complete, so memory holds one object at a time.
 */
import { GitError } from '../errors/errors.js';
import { firstErrorLine, spawnGit } from './exec.js';

/** Called once per requested id, in order; `content` is null when the object is missing. */
export type BlobVisitor = (oid: string, content: Buffer | null) => void;

/** Incremental parser of `git cat-file --batch` output. */
export class CatFileBatchParser {
  private pending: Buffer[] = [];
  private pendingSize = 0;
  private header: { oid: string; size: number } | null = null;

  constructor(private readonly visit: BlobVisitor) {}

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingSize += chunk.length;
    for (;;) {
      if (this.header === null) {
        const buffer = this.flatten();
        const newline = buffer.indexOf(0x0a);
        if (newline < 0) return;
        const line = buffer.subarray(0, newline).toString('utf8');
        this.keep(buffer.subarray(newline + 1));
        const missing = /^(\S+) missing$/.exec(line);
        if (missing) {
          this.visit(missing[1]!, null);
          continue;
        }
        const parsed = /^([0-9a-f]+) \S+ (\d+)$/.exec(line);
        if (!parsed) throw new GitError(`unexpected git cat-file output ${JSON.stringify(line.slice(0, 80))}; check the git installation`);
        this.header = { oid: parsed[1]!, size: Number(parsed[2]) };
      }
      // content plus the trailing newline
      if (this.pendingSize < this.header.size + 1) return;
      const buffer = this.flatten();
      const content = Buffer.from(buffer.subarray(0, this.header.size));
      const oid = this.header.oid;
      this.keep(buffer.subarray(this.header.size + 1));
      this.header = null;
      this.visit(oid, content);
    }
  }

  /** True when no object is half read. */
  get idle(): boolean {
    return this.header === null && this.pendingSize === 0;
  }

  private flatten(): Buffer {
    if (this.pending.length !== 1) this.pending = [Buffer.concat(this.pending, this.pendingSize)];
    return this.pending[0] ?? Buffer.alloc(0);
  }

  private keep(rest: Buffer): void {
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingSize = rest.length;
  }
}

/** Streams the objects named by `oids` (full ids) through `visit`, with one git process. */
export async function forEachObject(repoDir: string, oids: readonly string[], visit: BlobVisitor, signal?: AbortSignal): Promise<void> {
  if (oids.length === 0) return;
  for (const oid of oids) {
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(oid)) throw new GitError(`invalid object id ${JSON.stringify(oid)} for git cat-file; pass full ids`);
  }
  const child = await spawnGit(repoDir, ['cat-file', '--batch'], signal);
  let seen = 0;
  let failure: unknown = null;
  const parser = new CatFileBatchParser((oid, content) => {
    seen += 1;
    visit(oid, content);
  });
  const errChunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    if (failure) return;
    try {
      parser.push(chunk);
    } catch (error) {
      failure = error;
      child.kill('SIGKILL');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => errChunks.push(chunk));
  child.stdin.on('error', () => undefined);
  child.stdin.end(`${oids.join('\n')}\n`);

  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).catch((error: unknown) => {
    throw new GitError(`git cat-file could not run in ${repoDir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  if (failure) throw failure;
  if (code !== 0 || seen !== oids.length || !parser.idle) {
    const detail = firstErrorLine(Buffer.concat(errChunks).toString('utf8')) || `read ${seen} of ${oids.length} objects`;
    throw new GitError(`git cat-file --batch failed in ${repoDir} (exit ${code}): ${detail}`);
  }
}

/** Reads objects into memory, keyed by id; missing objects are absent from the map. */
export async function readObjects(repoDir: string, oids: readonly string[], signal?: AbortSignal): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  await forEachObject(repoDir, [...new Set(oids)], (oid, content) => {
    if (content) found.set(oid, content);
  }, signal);
  return found;
}
