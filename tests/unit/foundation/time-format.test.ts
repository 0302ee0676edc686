import { describe, expect, it } from 'vitest';
import { clock, date, dateTime, time } from '../../../preload/contract/time-format.js';

/** The one way times read in the UI and the PDFs (issue 36 item 8). Locale and zone are pinned here. */
const gb = { locale: 'en-GB', timeZone: 'Europe/Berlin' };
const us = { locale: 'en-US', timeZone: 'America/New_York' };

describe('time format', () => {
  it('a call\'s length or a moment is a clock: m:ss, h:mm:ss past an hour', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(61)).toBe('1:01');
    expect(clock(61.9)).toBe('1:01');
    expect(clock(1973)).toBe('32:53');
    expect(clock(3725)).toBe('1:02:05');
    expect(clock(-3)).toBe('0:00');
  });

  it('an instant (Z, an offset, epoch ms) is read in the reader\'s zone and locale', () => {
    expect(dateTime('2026-12-06T21:07:00Z', gb)).toBe('6 Dec 2026, 22:07');
    expect(dateTime('2026-12-06T21:07:00Z', us)).toBe('Dec 6, 2026, 4:07 PM');
    expect(dateTime('2026-12-06T23:07:00+02:00', gb)).toBe('6 Dec 2026, 22:07');
    expect(dateTime(Date.UTC(2026, 11, 6, 21, 7), gb)).toBe('6 Dec 2026, 22:07');
    expect(date('2026-12-06T23:30:00Z', gb)).toBe('7 Dec 2026');
    expect(time('2026-12-06T21:07:00Z', us)).toBe('4:07 PM');
    expect(dateTime(Date.UTC(2026, 11, 6, 21, 7, 46), { ...gb, seconds: true })).toBe('6 Dec 2026, 22:07:46');
  });

  it('a call time without a zone is the call centre\'s wall clock: shown as written, in any zone', () => {
    expect(dateTime('2024-05-02T10:14:33', gb)).toBe('2 May 2024, 10:14');
    expect(dateTime('2024-05-02T10:14:33', us)).toBe('May 2, 2024, 10:14 AM');
    expect(dateTime('2024-05-02 23:59', { locale: 'en-GB', timeZone: 'Pacific/Auckland' })).toBe('2 May 2024, 23:59');
    expect(dateTime('2024-05-02', gb)).toBe('2 May 2024');
  });

  it('what is not a time is shown as it is', () => {
    expect(dateTime('yesterday', gb)).toBe('yesterday');
    expect(date('', gb)).toBe('');
  });
});
