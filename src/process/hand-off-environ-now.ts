/**
 * Imported first by both entry points, so that it runs before anything else is loaded: the process
 * replaces itself with a copy whose environ and cmdline hold no secret (environ-handoff.ts).
 */
import { handOffEnviron } from './environ-handoff.js';

handOffEnviron(process);
