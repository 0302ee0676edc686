import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived, path-scoped signed URLs for media an `<audio>` element must fetch by itself (it cannot
 * send the bearer token). The signature is an HMAC of the exact path and the expiry under a secret
 * made fresh at every launch and never written anywhere, so a URL works only for that one path, only
 * until it expires, and only while this process runs. Only the audio route verifies these.
 */
export class UrlSigner {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  private mac(path: string, exp: number): Buffer {
    return createHmac('sha256', this.secret).update(`${path}\n${exp}`).digest();
  }

  /** `path?exp=…&sig=…`; `exp` is in Unix seconds. */
  sign(path: string, ttlSec: number, nowMs = Date.now()): { url: string; expiresAt: string } {
    const exp = Math.floor(nowMs / 1000) + ttlSec;
    return { url: `${path}?exp=${exp}&sig=${this.mac(path, exp).toString('base64url')}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  verify(path: string, exp: string | null, sig: string | null, nowMs = Date.now()): boolean {
    if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
    const e = Number(exp);
    if (e * 1000 < nowMs) return false;
    // Compare the strings, not decoded bytes: Buffer.from(…, 'base64url') also accepts '+/' and '='
    // padding, which would make several spellings of one signature valid. Exactly one is.
    const given = Buffer.from(sig, 'utf8');
    const want = Buffer.from(this.mac(path, e).toString('base64url'), 'utf8');
    return given.length === want.length && timingSafeEqual(given, want);
  }
}
