import { describe, expect, it } from 'vitest';
import { compileFilenamePattern } from '../../../main/domains/recordings/filename-pattern.js';
import { normaliseCallTime } from '../../../main/domains/recordings/metadata-values.js';

describe('filename pattern', () => {
  it('reads date, agent and call id', () => {
    expect(compileFilenamePattern('{date}_{agent}_{callId}').match('2024-05-02_dana_C1001.wav')).toEqual({ agent: 'dana', externalCallId: 'C1001', callTime: '2024-05-02' });
  });
  it('handles compact dates, times, direction, queue and ignored parts', () => {
    const p = compileFilenamePattern('{queue}-{date}-{time}-{direction}-{ignore}-{agent}');
    expect(p.match('billing-20240502-143005-out-rec7-sam.mp3')).toEqual({ queue: 'billing', callTime: '2024-05-02T14:30:05', direction: 'outbound', agent: 'sam' });
  });
  it('yields nothing when the name does not fit, or the date is impossible', () => {
    const p = compileFilenamePattern('{date}_{agent}_{callId}');
    expect(p.match('random name.wav')).toEqual({});
    expect(p.match('2024-13-40_dana_C1.wav')).toEqual({ agent: 'dana', externalCallId: 'C1' });
  });
  it('takes regex characters in the pattern literally', () => {
    expect(compileFilenamePattern('({agent}) [{callId}]').match('(dana) [42].wav')).toEqual({ agent: 'dana', externalCallId: '42' });
  });
  it('normalises call times', () => {
    expect(normaliseCallTime('2024.05.02 9h15')).toBeNull();
    expect(normaliseCallTime('2024-05-02T09:15:00Z')).toBe('2024-05-02T09:15:00Z');
    expect(normaliseCallTime('02/05/2024 9:15')).toBe('2024-05-02T09:15:00');
    expect(normaliseCallTime('2024-02-30')).toBeNull();
  });
});
