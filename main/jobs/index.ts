import { QueueService } from './queue-service.js';
import { analyzePlaceholder, localNoop, transcribePlaceholder } from './runners/placeholders.js';
import { probeRunner } from './runners/probe.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';
import { StepRegistry } from './step-registry.js';
import { noTransport, type StepTransport } from './transport.js';
import type { QueueDeps, StepRunner } from './types.js';

export type { StepRunner, StepContext, StepOutcome, Placement, QueueDeps } from './types.js';
export { StepRegistry } from './step-registry.js';

export interface Queue {
  registry: StepRegistry;
  scheduler: Scheduler;
  service: QueueService;
  /** Where the steps' computations run (closed with the queue). */
  transport: StepTransport;
  /** Replace a step's implementation (the real transcribe/analyze/metrics/index runners). */
  registerStep(name: string, runner: StepRunner): void;
  /** Jobs waiting for configuration try again now (a key added, a budget raised, a new month). */
  wakeWaitingConfig(reason: string): number;
  start(): void;
  stop(): Promise<void>;
}

/** The runners this build ships: a real probe, waiting provider steps, no-op local steps. */
export function registerDefaultRunners(registry: StepRegistry): void {
  registry.registerStep('probe', probeRunner());
  registry.registerStep('transcribe', transcribePlaceholder());
  registry.registerStep('analyze', analyzePlaceholder());
  registry.registerStep('metrics', localNoop('local:metrics'));
  registry.registerStep('index', localNoop('local:index'));
}

/**
 * Build the queue: registry (with default runners), scheduler, service; `start()` wires it to the bus
 * (recording.imported → enqueue; settings.changed → wake jobs waiting for configuration).
 */
export function createQueue(deps: QueueDeps, opts: SchedulerOptions & { eventIntervalMs?: number; defaultRunners?: boolean } = {}): Queue {
  const registry = new StepRegistry();
  if (opts.defaultRunners !== false) registerDefaultRunners(registry);
  // The scheduler reports changes to the service's event hub, which needs the scheduler to exist first.
  const ref: { service?: QueueService } = {};
  const scheduler = new Scheduler(deps, registry, {
    ...opts,
    onJobChanged: (rid, jid) => {
      ref.service?.events.jobChanged(rid, jid);
      opts.onJobChanged?.(rid, jid);
    },
    onProviderChanged: () => {
      ref.service?.events.summaryChanged();
      opts.onProviderChanged?.();
    },
  });
  const svc = new QueueService(deps, scheduler, opts.eventIntervalMs);
  ref.service = svc;
  let unsubscribe: (() => void) | null = null;
  const wakeWaitingConfig = (reason: string) => {
    const n = scheduler.jobs.wake('waiting_config', Object.keys(scheduler.pipeline), Date.now());
    if (n) deps.logger.info({ woken: n, reason }, 'jobs waiting for configuration try again');
    svc.events.summaryChanged();
    scheduler.kick();
    return n;
  };
  return {
    registry,
    scheduler,
    service: svc,
    transport: opts.transport ?? noTransport,
    wakeWaitingConfig,
    registerStep: (name, runner) => {
      registry.registerStep(name, runner);
      scheduler.kick();
    },
    start() {
      scheduler.start();
      svc.enqueueOrphans();
      unsubscribe = deps.bus.subscribe((name, payload) => {
        if (name === 'recording.imported') svc.enqueue((payload as { recordingId: number }).recordingId);
        // A key or provider may have been added: jobs waiting for configuration try again.
        if (name === 'settings.changed') wakeWaitingConfig('settings changed');
      });
    },
    async stop() {
      unsubscribe?.();
      await scheduler.stop();
      await opts.transport?.close?.();
      svc.events.stop();
    },
  };
}
