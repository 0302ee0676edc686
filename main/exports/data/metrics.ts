import type { MetricsRow } from '../../../db/dao/export-cursor-dao.js';
import type { Cell, Column } from './cells.js';

/**
 * The local (offline-analytics) metrics of a call in the data exports: talk time, talk ratio,
 * silence, interruptions, overtalk, speaking rate and response latency, from the dozen numbers the
 * export cursor reads per row (db/dao/export-cursor-dao.ts, metricsSelect).
 *
 * Sources, the same preference as the Call detail's metrics (main/domains/local-analytics/service.ts):
 * talk per party from the audio when the call is stereo-split (exact per channel), else from the
 * transcript's word times when its roles are known, else the total (audio first). Silence comes from
 * the audio only; overtalk from the audio when stereo-split, else from the transcript; interruptions,
 * words per minute and response latency from the transcript.
 */
export interface CallMetrics {
  /** Where the talk figures come from. */
  talkSource: 'audio' | 'transcript' | null;
  talkAgentSec: number | null;
  talkCustomerSec: number | null;
  talkTotalSec: number | null;
  /** Agent talk / (agent + customer talk). */
  talkRatio: number | null;
  silenceShare: number | null;
  longestSilenceSec: number | null;
  interruptionsAgentToCustomer: number | null;
  interruptionsCustomerToAgent: number | null;
  overtalkSec: number | null;
  wordsPerMinuteAgent: number | null;
  wordsPerMinuteCustomer: number | null;
  responseLatencyMeanSec: number | null;
}

export function callMetrics(r: MetricsRow): CallMetrics {
  let talkSource: CallMetrics['talkSource'] = null;
  let agent: number | null = null;
  let customer: number | null = null;
  let total: number | null = null;
  let ratio: number | null = null;
  const hasAudio = r.m_a_stereo !== null;
  const hasConv = r.m_c !== null;
  if (hasAudio && r.m_a_stereo && r.m_a_agent !== null && r.m_a_customer !== null) {
    [talkSource, agent, customer] = ['audio', r.m_a_agent, r.m_a_customer];
    total = agent + customer;
    ratio = total > 0 ? agent / total : null;
  } else if (hasConv && r.m_c_agent !== null && r.m_c_customer !== null) {
    [talkSource, agent, customer, total, ratio] = ['transcript', r.m_c_agent, r.m_c_customer, r.m_c_total, r.m_c_ratio];
  } else if (hasAudio) {
    [talkSource, total] = ['audio', r.m_a_total];
  } else if (hasConv) {
    [talkSource, total] = ['transcript', r.m_c_total];
  }
  // Interruptions between the two roles exist only when the transcript knows them: a pair with no
  // entry then means none (0); with speaker ids only there is no agent or customer to count.
  const byRole = hasConv && r.m_c_kind === 'role';
  return {
    talkSource,
    talkAgentSec: agent,
    talkCustomerSec: customer,
    talkTotalSec: total,
    talkRatio: ratio,
    silenceShare: r.m_a_silence_share,
    longestSilenceSec: r.m_a_longest_silence,
    interruptionsAgentToCustomer: byRole ? (r.m_c_int_ac ?? 0) : null,
    interruptionsCustomerToAgent: byRole ? (r.m_c_int_ca ?? 0) : null,
    overtalkSec: r.m_a_overtalk ?? (hasConv ? r.m_c_overtalk : null),
    wordsPerMinuteAgent: r.m_c_wpm_agent,
    wordsPerMinuteCustomer: r.m_c_wpm_customer,
    responseLatencyMeanSec: r.m_c_latency,
  };
}

export const metricsColumns: Column[] = [
  { key: 'talk_source', header: 'talk_source', width: 10 },
  { key: 'talk_agent_sec', header: 'talk_agent_sec', decimals: 2, width: 12 },
  { key: 'talk_customer_sec', header: 'talk_customer_sec', decimals: 2, width: 12 },
  { key: 'talk_total_sec', header: 'talk_total_sec', decimals: 2, width: 12 },
  { key: 'talk_ratio', header: 'talk_ratio_agent', decimals: 3, width: 10 },
  { key: 'silence_share', header: 'silence_share', decimals: 3, width: 10 },
  { key: 'longest_silence_sec', header: 'longest_silence_sec', decimals: 2, width: 12 },
  { key: 'interruptions_ac', header: 'interruptions_agent_to_customer', width: 12 },
  { key: 'interruptions_ca', header: 'interruptions_customer_to_agent', width: 12 },
  { key: 'overtalk_sec', header: 'overtalk_sec', decimals: 2, width: 10 },
  { key: 'wpm_agent', header: 'wpm_agent', decimals: 1, width: 10 },
  { key: 'wpm_customer', header: 'wpm_customer', decimals: 1, width: 10 },
  { key: 'response_latency_mean_sec', header: 'response_latency_mean_sec', decimals: 2, width: 12 },
];

export function metricsCells(m: CallMetrics): Cell[] {
  return [
    m.talkSource, m.talkAgentSec, m.talkCustomerSec, m.talkTotalSec, m.talkRatio, m.silenceShare, m.longestSilenceSec,
    m.interruptionsAgentToCustomer, m.interruptionsCustomerToAgent, m.overtalkSec, m.wordsPerMinuteAgent, m.wordsPerMinuteCustomer,
    m.responseLatencyMeanSec,
  ];
}
