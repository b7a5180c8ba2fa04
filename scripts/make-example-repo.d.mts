/** Types of make-example-repo.mjs, for the tests that build the example repository. */
export function makeExampleRepo(dir: string): { dir: string; base: string; head: string };
