/**
 * Small builders shared by the apply tests: proposal files with their real SHA-256, a raw payload
 * comment built by hand (to plant bad ones), and the write requests the fake GitHub received.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PROPOSAL_PREFIX, PROPOSAL_SUFFIX, type ProposalFile } from '../../../../src/github/apply/proposal-payload.js';
import type { GitHubServer, RecordedRequest } from '../../../helpers/github-server/index.js';

export function proposalFile(path: string, content: string, forFile = path.replace(/\.test\.ts$/, '.ts')): ProposalFile {
  return { path, forFile, content, sha256: createHash('sha256').update(content, 'utf8').digest('hex') };
}

/** `<!-- testmaster:proposal:v1 ... -->` around the gzip of any JSON value, or of raw text. */
export function rawPayload(value: unknown, options: { raw?: boolean } = {}): string {
  const text = options.raw ? String(value) : JSON.stringify(value);
  return `${PROPOSAL_PREFIX}${gzipSync(Buffer.from(text, 'utf8')).toString('base64')}${PROPOSAL_SUFFIX}`;
}

/** Every request that could change git data or pull requests (anything but GET/GraphQL reads). */
export function writeRequests(server: GitHubServer): RecordedRequest[] {
  return server.requests.filter((r) => r.method !== 'GET' && r.template !== '/graphql');
}

/** Writes to the git data endpoints only (blobs, trees, commits, refs). */
export function gitWrites(server: GitHubServer): RecordedRequest[] {
  return writeRequests(server).filter((r) => (r.template ?? '').startsWith('/repos/{owner}/{repo}/git/'));
}
