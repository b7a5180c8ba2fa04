/**
 * The prompt template in use. Every caller imports the template through this file, so a new version
 * is one line here (see the header of the newest vN.ts for how to make one).
 */
export { healingMessage, PROMPT_VERSION, systemMessage, targetsSection, userMessage } from './v5.js';
