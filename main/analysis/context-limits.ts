/**
 * Context windows (tokens) of the analysis models we know. Unknown models, which include local
 * OpenAI-compatible servers, get a small window so long calls are split rather than cut off.
 */
const known: [RegExp, number][] = [
  [/^gpt-4\.1/, 1_000_000],
  [/^gpt-5/, 400_000],
  [/^(gpt-4o|o\d)/, 128_000],
];
const UNKNOWN = 16_000;

/** Transcript tokens one request may carry: half the window, the rest is prompt, schema and answer. */
export function transcriptBudget(model: string): number {
  const window = known.find(([re]) => re.test(model))?.[1] ?? UNKNOWN;
  return Math.floor(window / 2);
}
