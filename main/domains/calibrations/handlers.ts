import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';

type CalibrationHandlers = Pick<HandlerMap, 'calibrations.list' | 'calibrations.create' | 'calibrations.get' | 'calibrations.saveAnswers' | 'calibrations.results' | 'calibrations.setConsensus' | 'calibrations.close'>;

/** Calibration sessions: the service decides who sees what of a session from the caller. */
export function calibrationHandlers(core: CoreContext): CalibrationHandlers {
  const s = core.services.calibrations;
  return {
    'calibrations.list': (_, ctx) => s.list(ctx),
    'calibrations.create': (input, ctx) => s.create(input, ctx),
    'calibrations.get': ({ id }, ctx) => s.get(id, ctx),
    'calibrations.saveAnswers': ({ id, answers, submit }, ctx) => s.saveAnswers(id, { answers, submit }, ctx),
    'calibrations.results': ({ id }, ctx) => s.results(id, ctx),
    'calibrations.setConsensus': ({ id, ...input }, ctx) => s.setConsensus(id, input, ctx),
    'calibrations.close': ({ id }, ctx) => s.close(id, ctx),
  };
}
