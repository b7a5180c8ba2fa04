/** The action's event consumer: a collapsible log group per phase, plain lines inside it, warnings as annotations. */
import * as core from '@actions/core';
import { describeEvent, phaseTitle } from '../events/describe-event.js';
import type { EventListener } from '../events/types.js';

export function createActionLogger(): EventListener {
  let open = false;
  return (event) => {
    if (event.type === 'phase-started') {
      if (open) core.endGroup();
      core.startGroup(phaseTitle(event.phase));
      open = true;
      return;
    }
    if (event.type === 'warning') {
      core.warning(event.message);
      return;
    }
    const line = describeEvent(event);
    if (line !== null) core.info(line);
    if ((event.type === 'phase-completed' || event.type === 'run-completed' || event.type === 'run-failed') && open) {
      core.endGroup();
      open = false;
    }
  };
}
