import type { Core } from '../../core.js';
import { rubricHandlers } from '../rubrics/handlers.js';
import { transcriptHandlers } from '../transcripts/handlers.js';
import { servicesFor } from './core-services.js';
import { analysisHandlers } from './handlers.js';
import { analyzeStep, transcribeStep } from './steps.js';

/** Contract handlers of the transcripts, analysis and rubrics domains. */
export const providerHandlers = (core: Core) => ({ ...transcriptHandlers(core), ...analysisHandlers(core), ...rubricHandlers(core) });

/**
 * Plugs the real transcribe/analyze runners into the queue, clears "rejected key" marks when keys are
 * saved, and adds what the providers taught us (a rejected key) to the health report's provider list.
 */
export function registerProviders(core: Core): void {
  const services = servicesFor(core);
  core.queue.registerStep('transcribe', transcribeStep(services));
  core.queue.registerStep('analyze', analyzeStep(services));
  core.bus.subscribe((name) => {
    if (name === 'settings.changed') services.status.keysChanged();
  });
  const queueProviders = core.health.providers;
  core.health.providers = () => {
    const facts = services.status.facts();
    return queueProviders().map((p) => {
      const f = facts.find((x) => x.id === p.id);
      return f?.needsKey && f.configured ? { ...p, lastError: 'needs a valid key' } : p;
    });
  };
}
