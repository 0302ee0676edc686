import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { blindFor, filtersExcept, noBlindCalls } from '../../../main/contract/blindness.js';
import { AppError } from '../../../main/errors.js';
import { operations } from '../../../preload/contract/index.js';

/** The one blindness rule (main/contract/blindness.ts), deny by default, on declarations a later route could make. */
const blind = new Map([[7, 'May calibration']]);
const message = (r: unknown) => (r instanceof AppError ? r.message : null);

describe('calibration blindness', () => {
  it('changes nothing for someone who scores nothing blind', () => {
    expect(blindFor({ path: '/api/v1/recordings/{id}/analysis' }, { id: 7 }, 7, false, noBlindCalls)).toEqual({ id: 7 });
  });

  it('refuses an undeclared recording route for a blind call, with the session named', () => {
    expect(message(blindFor({ path: '/api/v1/recordings/{id}/new-thing' }, {}, 7, false, blind))).toBe('You are scoring this call blind in calibration “May calibration”; its answers open once you submit your scores.');
    expect(blindFor({ path: '/api/v1/recordings/{id}/new-thing' }, {}, 8, false, blind)).toEqual({});
    expect(message(blindFor({ path: '/api/v1/queue/rerun' }, { recordingIds: [3, 7] }, null, false, blind))).toContain('blind in calibration');
    expect(message(blindFor({ path: '/api/v1/jobs' }, { recordingId: 7 }, null, false, blind))).toContain('blind in calibration');
  });

  it('answers what declares itself safe, or is no call data', () => {
    expect(blindFor({ path: '/api/v1/recordings/{id}/transcript', blind: 'safe' }, { id: 7 }, 7, false, blind)).toEqual({ id: 7 });
    expect(blindFor({ path: '/api/v1/rubrics', scope: 'none' }, {}, null, false, blind)).toEqual({});
  });

  it('leaves blind calls out of a call list whose filter can, and refuses any other undeclared route', () => {
    expect(blindFor({ path: '/api/v1/calls' }, { exceptIds: [2] }, null, true, blind)).toEqual({ exceptIds: [2, 7] });
    expect(message(blindFor({ path: '/api/v1/reports/new.pdf' }, {}, null, false, blind))).toBe('While you score calls blind in calibration “May calibration”, this is closed to you: it could show their answers.');
    expect(filtersExcept(z.object({ exceptIds: z.array(z.number()).optional() }))).toBe(true);
    expect(filtersExcept(z.object({ ids: z.array(z.number()).optional() }))).toBe(false);
  });

  it('the call lists of the contract can leave calls out', () => {
    for (const name of ['calls.list', 'dashboard.get', 'assignments.list'] as const) expect(filtersExcept(operations[name].input), name).toBe(true);
  });
});
