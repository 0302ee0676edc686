import type { RedisTransport } from './redis-transport.js';
import type { StorageLink } from './worker-service.js';

/** A worker service in the storage service's own process: no HTTP between them (tests, one-box setups). */
export function directLink(transport: RedisTransport, name = 'in-process'): StorageLink {
  return {
    announce: (a) => Promise.resolve(transport.registry.heartbeat(a, name)),
    leave: (id) => Promise.resolve(transport.registry.leave(id)),
    input: (job) => Promise.resolve(transport.start(job.jobId, job.fence)?.input ?? null),
    deliver: (job, outcome) => Promise.resolve(transport.deliver(job.jobId, job.fence, outcome)),
    progress: (job, f) => void transport.progress(job.jobId, job.fence, f),
  };
}
