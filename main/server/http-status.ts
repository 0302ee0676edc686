import type { ErrorCategory } from '../../preload/contract/errors.js';

/** The HTTP status for each error category (the body always carries the category itself). */
export const statusForCategory: Record<ErrorCategory, number> = {
  invalid_input: 400,
  auth: 401,
  forbidden: 403,
  not_found: 404,
  unsupported_media: 415,
  rate_limit: 429,
  internal: 500,
  network: 502,
  provider: 502,
  storage: 503,
};
