import { AppError } from '../errors.js';
import type { StepTransport } from '../jobs/transport.js';
import { isComputation, runComputation } from './computations.js';
import type { ComputeServices } from './compute-env.js';

/** The desktop default (`CCA_QUEUE=embedded`): every computation runs in this process. */
export function embeddedTransport(env: ComputeServices): StepTransport {
  return {
    name: 'embedded',
    compute(kind, input, call) {
      if (!isComputation(kind)) return Promise.reject(new AppError('internal', `No step computation is called "${kind}".`, 'This is a bug in the step runner.'));
      return runComputation(kind, input, { ...env, ...call });
    },
  };
}
