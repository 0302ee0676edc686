import type { SecretName, Settings } from '../../../preload/contract/schemas/settings.js';
import type { StepRunner } from '../types.js';

const keyFor: Record<string, { secret: SecretName; label: string }> = {
  openai: { secret: 'OPENAI_API_KEY', label: 'OpenAI' },
  elevenlabs: { secret: 'ELEVENLABS_API_KEY', label: 'ElevenLabs' },
};

/**
 * Stand-ins for the provider steps until their real runners are registered (later features call
 * registerStep('transcribe', …) / ('analyze', …)). They never fail a job: without a key the job waits
 * for configuration with the exact setting to add, so a fresh install shows what to do instead of a
 * wall of errors; with a key they still wait (the engine is not in this build), and adding the real
 * runner + a settings change wakes them.
 */
function waitingRunner(what: string, place: (s: Settings) => { provider: string; lane: string; concurrency: number }): StepRunner {
  return {
    placement: place,
    async run(ctx) {
      const { provider } = place(ctx.deps.settings());
      const key = keyFor[provider];
      if (key && !ctx.deps.secret(key.secret)) {
        return {
          kind: 'waiting_config',
          message: 'Waiting for API key — add it in Settings → API keys',
          hint: `Add the ${key.label} API key (${key.secret}) in Settings → API keys${what === 'transcription' ? ', or choose another transcription provider' : ''}.`,
        };
      }
      return {
        kind: 'waiting_config',
        message: `Waiting for the ${what} engine`,
        hint: `This build has no ${what} step yet; the recording continues automatically once it is installed.`,
      };
    },
  };
}

export const transcribePlaceholder = (): StepRunner =>
  waitingRunner('transcription', (s) => ({
    provider: s.transcriptionProvider, lane: `${s.transcriptionProvider}:transcribe`, concurrency: s.transcribeConcurrency,
  }));

export const analyzePlaceholder = (): StepRunner =>
  waitingRunner('analysis', (s) => ({ provider: 'openai', lane: 'openai:analyze', concurrency: s.analyzeConcurrency }));

/** Local steps with nothing to do yet (metrics, index): complete at once so the pipeline can end. */
export const localNoop = (lane: string, concurrency = 2): StepRunner => ({
  placement: () => ({ provider: 'local', lane, concurrency }),
  run: async () => ({ kind: 'done' }),
});
