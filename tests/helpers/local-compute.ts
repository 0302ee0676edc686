import type { Daos } from '../../db/daos.js';
import type { ComputeCall } from '../../main/jobs/transport.js';
import { ApiStyleMemory } from '../../main/providers/api-style.js';
import { PriceBook } from '../../main/providers/prices.js';
import type { ComputeServices } from '../../main/steps/compute-env.js';
import { embeddedTransport } from '../../main/steps/embedded-transport.js';
import { localAudio } from '../../main/steps/local-audio.js';
import type { SecretName, Settings } from '../../preload/contract/schemas/settings.js';

/**
 * What core.ts gives the steps' computations, for tests that build a queue or a service without the
 * core: the library's files through the recordings table, the providers with the given settings/keys.
 */
export function localComputeServices(daos: Pick<Daos, 'jobsQuery' | 'appSettings'>, settings: () => Settings, secret: (n: SecretName) => string | undefined): ComputeServices {
  return {
    providers: { settings, secret, prices: new PriceBook(daos.appSettings), fetchFor: () => undefined },
    apiStyles: new ApiStyleMemory(),
    audio: localAudio((id) => daos.jobsQuery.recordingAudio(id)?.audioPath),
  };
}

export const localTransport = (...args: Parameters<typeof localComputeServices>) => embeddedTransport(localComputeServices(...args));

/** A step context's `compute` for a runner called directly (no scheduler): runs the computation here. */
export function computeHere(services: ComputeServices, call: ComputeCall): <R>(kind: string, input: unknown) => Promise<R> {
  const transport = embeddedTransport(services);
  return async <R>(kind: string, input: unknown) => (await transport.compute(kind, input, call)) as R;
}
