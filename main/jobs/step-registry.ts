import type { StepRunner } from './types.js';

/**
 * Step name → implementation. The queue ships placeholder runners (probe, waiting-for-key transcribe
 * and analyze, no-op metrics/index); later features replace them with `registerStep(name, runner)`
 * before or after the scheduler starts (the next claim uses the new runner).
 */
export class StepRegistry {
  private readonly runners = new Map<string, StepRunner>();

  registerStep(name: string, runner: StepRunner): void {
    this.runners.set(name, runner);
  }

  get(name: string): StepRunner | undefined {
    return this.runners.get(name);
  }

  names(): string[] {
    return [...this.runners.keys()];
  }
}
