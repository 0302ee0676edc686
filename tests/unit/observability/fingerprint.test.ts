import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../main/observability/fingerprint.js';

describe('problem fingerprint', () => {
  it('groups messages that differ only in names, paths, ids and numbers', () => {
    const a = fingerprint('The file "a.wav" was not found at /data/in/a.wav.');
    const b = fingerprint('The file "2024-05-02_dana.wav" was not found at /mnt/share/calls/2024-05-02_dana.wav.');
    expect(a).toBe(b);
    expect(a).toBe('The file "…" was not found at <path>.');
    expect(fingerprint('The provider asked us to slow down (429). Retry in 12 s (gave up after 6 attempts)'))
      .toBe('The provider asked us to slow down (<n>). Retry in <n> s (gave up after <n> attempts)');
    expect(fingerprint('request req_8f3a9c2d11 failed')).toBe(fingerprint('request req_0a1b2c3d4e failed'));
    expect(fingerprint('trace 4bf92f3577b34da6a3ce929d0e0e4736')).toBe('trace <id>');
  });

  it('keeps different problems apart', () => {
    expect(fingerprint('The API key was rejected (401).')).not.toBe(fingerprint('The provider is unavailable (503).'));
    expect(fingerprint('Timed out after 30 s')).not.toBe(fingerprint('Connection refused'));
  });

  it('caps the length', () => {
    expect(fingerprint('x'.repeat(10_000)).length).toBe(300);
  });
});
