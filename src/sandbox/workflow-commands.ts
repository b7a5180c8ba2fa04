/**
 * Neutralises GitHub Actions workflow commands in text a test process printed (pure). The runner
 * acts on a line that starts with `::` (e.g. `::add-mask::`, `::stop-commands::`, `::error ...`) and on
 * the legacy `##[command]` form; a zero-width space between the two characters keeps the text readable
 * while the runner no longer recognises it.
 */

const ZERO_WIDTH_SPACE = '\u200B';

/** Lines starting (after blanks) with `::`, and every `##[`, get a zero-width space inserted. */
export function escapeWorkflowCommands(text: string): string {
  return text
    .replace(/^([^\S\r\n]*):(?=:)/gm, `$1:${ZERO_WIDTH_SPACE}`)
    .replace(/##\[/g, `#${ZERO_WIDTH_SPACE}#[`);
}
