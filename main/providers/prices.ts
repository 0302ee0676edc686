import { PriceEntry } from '../../preload/contract/schemas/analysis.js';
import { z } from 'zod';

/**
 * USD prices per model. Defaults are the providers' list prices when this table was written; the
 * reviewer's edits are stored in app_settings ("prices") and win. A model with no entry costs null
 * (unknown), never 0: a report should not claim a local or new model is free.
 */
export const defaultPrices: readonly PriceEntry[] = [
  { model: 'scribe_v1', provider: 'elevenlabs', perAudioMinute: 0.4 / 60, perMInput: null, perMOutput: null },
  { model: 'scribe_v2', provider: 'elevenlabs', perAudioMinute: 0.4 / 60, perMInput: null, perMOutput: null },
  { model: 'whisper-1', provider: 'openai', perAudioMinute: 0.006, perMInput: null, perMOutput: null },
  { model: 'gpt-4o-transcribe', provider: 'openai', perAudioMinute: 0.006, perMInput: 6, perMOutput: 10 },
  { model: 'gpt-4o-transcribe-diarize', provider: 'openai', perAudioMinute: 0.006, perMInput: 6, perMOutput: 10 },
  { model: 'gpt-4o-mini-transcribe', provider: 'openai', perAudioMinute: 0.003, perMInput: 3, perMOutput: 5 },
  { model: 'gpt-4.1', provider: 'openai', perAudioMinute: null, perMInput: 2, perMOutput: 8 },
  { model: 'gpt-4.1-mini', provider: 'openai', perAudioMinute: null, perMInput: 0.4, perMOutput: 1.6 },
  { model: 'gpt-4.1-nano', provider: 'openai', perAudioMinute: null, perMInput: 0.1, perMOutput: 0.4 },
  { model: 'gpt-4o', provider: 'openai', perAudioMinute: null, perMInput: 2.5, perMOutput: 10 },
  { model: 'gpt-4o-mini', provider: 'openai', perAudioMinute: null, perMInput: 0.15, perMOutput: 0.6 },
];

const KEY = 'prices';
const Stored = z.array(PriceEntry);

/** Where the reviewer's price edits are kept: the app settings table (a worker service gets them from the server). */
export interface PriceStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export class PriceBook {
  constructor(private readonly settings: PriceStore) {}

  list(): PriceEntry[] {
    const overrides = Stored.safeParse(this.settings.get(KEY) ?? []);
    const byModel = new Map(defaultPrices.map((p) => [p.model, p]));
    if (overrides.success) for (const p of overrides.data) byModel.set(p.model, p);
    return [...byModel.values()].sort((a, b) => a.model.localeCompare(b.model));
  }

  get(model: string): PriceEntry | undefined {
    return this.list().find((p) => p.model === model);
  }

  upsert(entry: PriceEntry): PriceEntry[] {
    const stored = Stored.safeParse(this.settings.get(KEY) ?? []);
    const next = (stored.success ? stored.data : []).filter((p) => p.model !== entry.model);
    next.push(entry);
    this.settings.set(KEY, next);
    return this.list();
  }

  /** Transcription: tokens when the provider billed tokens and we know token prices, else minutes. */
  transcriptionCost(model: string, audioSec: number, usage: Record<string, number>): number | null {
    const p = this.get(model);
    if (!p) return null;
    if (usage.input_tokens !== undefined && p.perMInput !== null && p.perMOutput !== null) {
      return round((usage.input_tokens * p.perMInput + (usage.output_tokens ?? 0) * p.perMOutput) / 1e6);
    }
    // Billed duration when the provider reports one (whisper rounds up to whole seconds).
    return p.perAudioMinute === null ? null : round(((usage.seconds ?? audioSec) / 60) * p.perAudioMinute);
  }

  tokenCost(model: string, inputTokens: number, outputTokens: number): number | null {
    const p = this.get(model);
    if (!p || p.perMInput === null || p.perMOutput === null) return null;
    return round((inputTokens * p.perMInput + outputTokens * p.perMOutput) / 1e6);
  }
}

/** Micro-dollar precision: sums of many calls stay exact enough for a cost report. */
const round = (usd: number) => Math.round(usd * 1e6) / 1e6;
