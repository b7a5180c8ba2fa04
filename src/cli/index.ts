#!/usr/bin/env node
// First, before anything else is loaded: no secret left in /proc/<pid>/environ or cmdline (see there).
// The rest is loaded afterwards, once, in the process that keeps running.
import '../process/hand-off-environ-now.js';

const { runCli } = await import('./main.js');
process.exitCode = await runCli(process.argv.slice(2), process);
