/**
 * Does a prose answer (no JSON, no code) read like a refusal? Looks only at the opening of the text,
 * where models put "I'm sorry, but I can't...", so the cost does not grow with the answer (pure).
 */

const HEAD_CHARS = 400;

const REFUSAL_PHRASES: readonly string[] = [
  "i can't",
  'i cannot',
  'i can not',
  "i won't",
  'i will not',
  "i'm unable",
  'i am unable',
  "i'm not able",
  'i am not able',
  'i must decline',
  "i'm sorry",
  'i am sorry',
  'i apologize',
  'i apologise',
  'as an ai',
];

export function looksLikeRefusal(text: string): boolean {
  const head = text.trimStart().slice(0, HEAD_CHARS).toLowerCase().replaceAll('\u2019', "'");
  return REFUSAL_PHRASES.some((phrase) => head.includes(phrase));
}
