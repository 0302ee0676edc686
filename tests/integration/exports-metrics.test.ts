import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { metricsColumns } from '../../main/exports/data/metrics.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAnalyticsDao } from '../../db/dao/local-analytics-dao.js';
import { conversationMetrics } from '../../main/analytics/conversation-metrics.js';
import type { Core } from '../../main/core.js';
import { exportCalls } from '../../main/exports/data/export-calls.js';
import type { AudioMetrics } from '../../preload/contract/schemas/audio-metrics.js';
import type { ConversationMetricsView } from '../../preload/contract/schemas/local-analytics.js';
import { generateCalls } from '../helpers/fixtures.js';
import { collector } from '../unit/exports/helpers/collect.js';
import { insertFixtureCall, type FixtureCall } from '../unit/exports/helpers/fixture-calls.js';
import { tempCore } from '../unit/exports/helpers/temp-core.js';

/**
 * The local metrics columns of the data exports (CSV, XLSX, JSON), parsed back and compared with
 * what the offline-analytics tables store for each call: a stereo call (talk, overtalk and silence
 * from the audio), a mono call (talk per party from the transcript, silence from the audio) and a
 * call with no metrics yet (empty cells, nulls).
 */
let t: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let stereo: FixtureCall;
let mono: FixtureCall;
let none: FixtureCall;

function audio(stereoSplit: boolean): AudioMetrics {
  return {
    version: 1, durationSec: 120, analysisSampleRate: 16000, frameSec: 0.02, channels: stereoSplit ? 2 : 1, stereoSplit,
    talkSeconds: stereoSplit ? { agent: 61.25, customer: 40.5 } : { total: 88.75 },
    silenceSeconds: 18.25, silenceShare: 0.152, longestSilenceSec: 7.75, holdGapMinSec: 5, holdGaps: [{ start: 30, end: 37.75 }],
    overtalkSeconds: stereoSplit ? 3.5 : null, overtalkCount: stereoSplit ? 4 : null, channelStats: [],
    waveform: { bucketSec: 1, channels: [{ min: [-0.5], max: [0.5] }] },
  };
}

function conversation(f: FixtureCall, interruptions: Record<string, { count: number; seconds: number }>): ConversationMetricsView {
  const c = conversationMetrics(f.transcript) as ConversationMetricsView;
  return { ...c, interruptions: { ...c.interruptions, byPair: interruptions, count: Object.values(interruptions).reduce((a, x) => a + x.count, 0) } };
}

beforeAll(async () => {
  t = await tempCore();
  core = t.core;
  const calls = generateCalls();
  stereo = insertFixtureCall(core.db, calls.truth('billing-refund-good'));
  mono = insertFixtureCall(core.db, calls.truth('cancel-retention'));
  none = insertFixtureCall(core.db, calls.truth('outage-no-disclosure'));
  const dao = new LocalAnalyticsDao(core.db);
  dao.saveAudioMetrics(stereo.id, 'sha-a', 1, audio(true), 5);
  dao.saveAudioMetrics(mono.id, 'sha-b', 1, audio(false), 5);
  const save = (f: FixtureCall, conv: ConversationMetricsView) =>
    dao.saveLocalAnalysis(f.id, { transcriptHash: `h-${f.id}`, version: 1, conversation: conv, sentiment: { segments: [], customerStart: null, customerEnd: null }, pii: [], rules: [], computeMs: 1 });
  save(stereo, conversation(stereo, { 'agent>customer': { count: 2, seconds: 1.25 }, 'customer>agent': { count: 3, seconds: 2 } }));
  save(mono, conversation(mono, { 'customer>agent': { count: 1, seconds: 0.5 } }));
});
afterAll(() => t.close());

/** What each metrics column must hold, derived from the stored rows (LocalAnalyticsDao reads). */
function expected(id: number): Record<string, number | string | null> {
  const dao = new LocalAnalyticsDao(core.db);
  const a = dao.getAudioMetrics(id)?.body ?? null;
  const c = dao.getLocalAnalysis(id)?.conversation ?? null;
  const party = (p: string) => c?.parties.find((x) => x.party === p)?.wordsPerMinute ?? null;
  const fromAudio = a && 'agent' in a.talkSeconds ? a.talkSeconds : null;
  const talk = fromAudio ?? (c && c.talk.agentSec !== null && c.talk.customerSec !== null ? { agent: c.talk.agentSec, customer: c.talk.customerSec } : null);
  return {
    talk_source: fromAudio ? 'audio' : talk ? 'transcript' : a ? 'audio' : c ? 'transcript' : null,
    talk_agent_sec: talk?.agent ?? null,
    talk_customer_sec: talk?.customer ?? null,
    talk_total_sec: talk ? talk.agent + talk.customer : a && 'total' in a.talkSeconds ? a.talkSeconds.total : (c?.talk.totalSec ?? null),
    talk_ratio_agent: fromAudio ? fromAudio.agent / (fromAudio.agent + fromAudio.customer) : (c?.talkRatio ?? null),
    silence_share: a?.silenceShare ?? null,
    longest_silence_sec: a?.longestSilenceSec ?? null,
    interruptions_agent_to_customer: c ? (c.interruptions.byPair['agent>customer']?.count ?? 0) : null,
    interruptions_customer_to_agent: c ? (c.interruptions.byPair['customer>agent']?.count ?? 0) : null,
    overtalk_sec: a?.overtalkSeconds ?? c?.overtalk.totalSec ?? null,
    wpm_agent: party('agent'),
    wpm_customer: party('customer'),
    response_latency_mean_sec: c?.responseLatency.meanSec ?? null,
  };
}
const metricKeys = () => Object.keys(expected(stereo.id));
/** CSV and XLSX round each number to its column's decimals (a ratio to 0.477, not 0.47654788162612505). */
const decimals = new Map(metricsColumns.map((c) => [c.header, c.decimals]));
const rounded = (k: string, v: number | string | null) => {
  const d = decimals.get(k);
  return typeof v === 'number' && d !== undefined ? Math.round(v * 10 ** d) / 10 ** d : v;
};

async function run(format: 'csv' | 'xlsx' | 'json') {
  const c = collector();
  await exportCalls(format, c.out, { daos: core.daos, query: { ids: [stereo.id, mono.id, none.id] }, redactCategories: core.config.settings.redactCategories });
  return c.buffer();
}

describe('local metrics in data exports', () => {
  it('the fixtures cover every source: stereo audio, mono audio + transcript roles, nothing', () => {
    expect(expected(stereo.id)).toMatchObject({ talk_source: 'audio', talk_agent_sec: 61.25, overtalk_sec: 3.5, interruptions_agent_to_customer: 2, interruptions_customer_to_agent: 3 });
    expect(expected(mono.id).talk_source).toBe('transcript');
    expect(expected(mono.id).talk_agent_sec).toBeGreaterThan(0);
    expect(expected(mono.id).wpm_agent).toBeGreaterThan(0);
    expect(expected(mono.id).response_latency_mean_sec).not.toBeNull();
    expect(expected(mono.id).interruptions_agent_to_customer).toBe(0);
    expect(Object.values(expected(none.id)).every((v) => v === null)).toBe(true);
    // At least one stored figure has more decimals than its column keeps, so the rounding is exercised.
    expect(metricKeys().some((k) => [stereo, mono].some((f) => { const v = expected(f.id)[k]; return typeof v === 'number' && v !== rounded(k, v); }))).toBe(true);
  });

  it('CSV: parsed back (papaparse) equal to the stored metrics', async () => {
    const parsed = Papa.parse<Record<string, string>>((await run('csv')).toString('utf8').slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    for (const f of [stereo, mono, none]) {
      const row = parsed.data.find((r) => Number(r.recording_id) === f.id)!;
      const want = expected(f.id);
      for (const k of metricKeys()) {
        const v = want[k];
        const got = row[k] ?? '';
        if (v === null) expect(got, `${f.truth.id} ${k}`).toBe('');
        else if (typeof v === 'number') {
          expect(Number(got), `${f.truth.id} ${k}`).toBe(rounded(k, v));
          expect(got.split('.')[1]?.length ?? 0, `${f.truth.id} ${k} decimals`).toBeLessThanOrEqual(decimals.get(k) ?? 0);
        }
        else expect(got, `${f.truth.id} ${k}`).toBe(v);
      }
    }
  });

  it('XLSX: parsed back (exceljs) as numeric cells equal to the stored metrics', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await run('xlsx')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Calls')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    for (const k of metricKeys()) expect(header).toContain(k);
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const id = row.getCell(header.indexOf('recording_id') + 1).value as number;
      const want = expected(id);
      for (const k of metricKeys()) expect(row.getCell(header.indexOf(k) + 1).value ?? null, `${id} ${k}`).toBe(rounded(k, want[k]!));
    }
  });

  it('JSON: a metrics object per call equal to the stored metrics', async () => {
    const records = JSON.parse((await run('json')).toString('utf8')) as { id: number; metrics: Record<string, unknown> }[];
    const camel: Record<string, string> = {
      talk_source: 'talkSource', talk_agent_sec: 'talkAgentSec', talk_customer_sec: 'talkCustomerSec', talk_total_sec: 'talkTotalSec', talk_ratio_agent: 'talkRatio',
      silence_share: 'silenceShare', longest_silence_sec: 'longestSilenceSec', interruptions_agent_to_customer: 'interruptionsAgentToCustomer',
      interruptions_customer_to_agent: 'interruptionsCustomerToAgent', overtalk_sec: 'overtalkSec', wpm_agent: 'wordsPerMinuteAgent', wpm_customer: 'wordsPerMinuteCustomer',
      response_latency_mean_sec: 'responseLatencyMeanSec',
    };
    for (const rec of records) {
      const want = expected(rec.id);
      for (const k of metricKeys()) expect(rec.metrics[camel[k]!], `${rec.id} ${k}`).toBe(want[k]);
    }
  });
});
