/** Placeholder, replaced by the runners work: installs fixture toolchains under test/.toolchains. */
export async function ensureToolchains(): Promise<void> {}
