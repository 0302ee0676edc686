import { describe, expect, it } from 'vitest';
import { registerSecret, scrubSecrets } from '../../main/util/scrub-secrets.js';
import { classify } from '../../main/jobs/classify.js';
import { AppError } from '../../main/errors.js';

describe('scrubSecrets', () => {
  it('removes registered secrets and key-shaped tokens, keeps the rest of the message', () => {
    registerSecret('my-configured-key-1234');
    const msg = 'Incorrect API key provided: sk-proj-abcDEF123456789. Header Bearer abcdefghijk12345, xi-api-key: 0123456789abcdef0123456789abcdef, also my-configured-key-1234';
    const out = scrubSecrets(msg);
    for (const bad of ['sk-proj-abc', 'abcdefghijk12345', '0123456789abcdef0123456789abcdef', 'my-configured-key-1234']) expect(out).not.toContain(bad);
    expect(out).toMatch(/^Incorrect API key provided: \[redacted\]/);
  });

  it('classify stores the scrubbed message in the job error', () => {
    const v = classify(new AppError('auth', 'Invalid key sk-live-ZZZZZZZZZZZZZZZZ for this account.', 'Check the key.', { details: { status: 401 } }), 30);
    expect(v.kind).toBe('permanent');
    expect(v.error.message).toBe('Invalid key [redacted] for this account.');
    expect(v.error.category).toBe('auth');
  });
});

describe('scrubSecrets leaves ordinary text alone', () => {
  it('paths and long lowercase file names survive', () => {
    const msg = 'Could not read /work/main/tests/fixtures/generated/calls/call-2024-05-03-agent-smith-queue-sales-0001.wav';
    expect(scrubSecrets(msg)).toBe(msg);
    expect(scrubSecrets('token Ab3dEfGh1jKlMn0pQrStUvWxYz012345XY end')).toBe('token [redacted] end');
  });
});
