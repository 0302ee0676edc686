import type { RedisTransport } from './redis-transport.js';
import type { StorageLink } from './worker-service.js';

/** A worker service in the storage service's own process: no HTTP between them (tests, one-box setups). */
export function directLink(transport: RedisTransport): StorageLink {
  return {
    input: (job) => Promise.resolve(transport.input(job.jobId, job.fence)?.input ?? null),
    deliver: (job, outcome) => Promise.resolve(transport.deliver(job.jobId, job.fence, outcome)),
    progress: (job, f) => void transport.progress(job.jobId, job.fence, f),
  };
}
