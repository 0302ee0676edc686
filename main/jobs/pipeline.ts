/**
 * The pipeline as a small DAG: each step lists the steps it needs. A recording starts with the steps
 * that need nothing; when a step finishes, every step whose needs are now all done is created (in the
 * same transaction). Metrics runs beside transcribe, local_analysis beside analyze; index waits for all.
 */
export type Pipeline = Readonly<Record<string, readonly string[]>>;

export const defaultPipeline: Pipeline = {
  probe: [],
  transcribe: ['probe'],
  analyze: ['transcribe'],
  // Offline steps need no key or network: audio metrics only the audio, local_analysis (conversation
  // metrics, PII, rules, sentiment) only the transcript, so a transcribe waiting for a key blocks neither.
  metrics: ['probe'],
  local_analysis: ['transcribe'],
  index: ['analyze', 'metrics', 'local_analysis'],
};

export function rootSteps(p: Pipeline): string[] {
  return Object.keys(p).filter((s) => p[s]!.length === 0);
}

/** Steps that become runnable once `done` (a set of finished steps) includes `justDone`. */
export function unlockedSteps(p: Pipeline, justDone: string, done: ReadonlySet<string>): string[] {
  return Object.keys(p).filter((s) => p[s]!.includes(justDone) && p[s]!.every((need) => done.has(need)));
}

/** `step` and every step that (transitively) depends on it: what a re-run must redo. */
export function downstreamOf(p: Pipeline, step: string): string[] {
  const out = new Set([step]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [s, needs] of Object.entries(p)) {
      if (!out.has(s) && needs.some((n) => out.has(n))) {
        out.add(s);
        grew = true;
      }
    }
  }
  return [...out];
}
