// First, before anything else is loaded: no secret left in /proc/<pid>/environ (see there). The rest
// is loaded afterwards, once, in the process that keeps running.
import './process/hand-off-environ-now.js';

const { run } = await import('./main.js');
await run();
