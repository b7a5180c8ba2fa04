/** Global setup: installs the fixture toolchains (real Vitest and Jest) once, before any test. */
import { ensureToolchains } from './toolchains.js';

export default async function setup(): Promise<void> {
  await ensureToolchains();
}
