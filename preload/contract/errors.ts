import { z } from 'zod';

/**
 * The one list of error categories. Logs, job states, API responses and the UI all speak it, so a
 * reviewer sees the same word for the same failure wherever it surfaces.
 */
export const errorCategories = [
  'network', // could not reach a host: offline, DNS, connection reset, timeout
  'auth', // missing or rejected credentials (API key, API token, session): sign in
  'forbidden', // signed in, but this role may not do that
  'rate_limit', // provider said slow down (429)
  'provider', // the provider answered but failed (5xx) or answered nonsense
  'invalid_input', // the request or file is wrong; retrying will not help
  'not_found', // the thing asked for does not exist (recording id, path)
  'unsupported_media', // a file we cannot decode or the provider rejects as media
  'storage', // local disk or database problem (full, locked, corrupt, permissions)
  'internal', // a bug in this app
] as const;

export const ErrorCategory = z.enum(errorCategories);
export type ErrorCategory = z.infer<typeof ErrorCategory>;

/** What crosses every boundary when something fails: what happened and what the user can do. */
export const ErrorInfo = z.object({
  category: ErrorCategory,
  message: z.string(),
  hint: z.string(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;
