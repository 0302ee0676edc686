import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core-types.js';
import type { CallContext } from '../contract/registry.js';

/**
 * An HTTP route that does not fit the JSON registry: multipart uploads and file downloads. It runs
 * after the same guards (loopback Host, bearer token) and documents itself in the OpenAPI document.
 */
export interface RawRoute {
  method: 'GET' | 'POST' | 'PUT';
  /** OpenAPI-style template, e.g. `/api/v1/recordings/{id}/report.pdf`. */
  path: string;
  openapi: Record<string, unknown>;
  /** Reached without the token when the URL carries `sig`: the route must verify it (audio-route.ts). */
  acceptsSignedUrl?: boolean;
  handle(req: IncomingMessage, res: ServerResponse, params: Record<string, string>, ctx: CallContext & { core: Core }): Promise<void>;
}
