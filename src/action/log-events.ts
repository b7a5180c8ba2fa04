/**
 * The action's event consumer: a collapsible log group per phase, plain lines inside it, warnings as
 * annotations. Lines are redacted like the reports (a reason may quote test output): the runner masks
 * only the exact values of secrets it was told about, not their encoded forms.
 */
import * as core from '@actions/core';
import { describeEvent, phaseTitle } from '../events/describe-event.js';
import type { EventListener } from '../events/types.js';
import { redactSecrets } from '../report/redact.js';

export function createActionLogger(secrets: readonly string[] = []): EventListener {
  let open = false;
  return (event) => {
    if (event.type === 'phase-started') {
      if (open) core.endGroup();
      core.startGroup(phaseTitle(event.phase));
      open = true;
      return;
    }
    if (event.type === 'warning') {
      core.warning(redactSecrets(event.message, secrets));
      return;
    }
    const line = describeEvent(event);
    if (line !== null) core.info(redactSecrets(line, secrets));
    if ((event.type === 'phase-completed' || event.type === 'run-completed' || event.type === 'run-failed') && open) {
      core.endGroup();
      open = false;
    }
  };
}
