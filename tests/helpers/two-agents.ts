import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import { generateCalls } from './fixtures.js';
import { startUsersServer, type UsersServer } from './users-server.js';
import { waitFor } from './wait-for.js';

/**
 * A users-mode server with two agents whose calls went through the whole pipeline against the fake
 * providers: dana has two calls, sam one, each with its own customer. `samOnly` is what must never
 * reach dana: sam's file name, customer and words spoken only in sam's call.
 */
export interface TwoAgents {
  s: UsersServer;
  ids: { dana: number[]; sam: number[] };
  samOnly: { fileName: string; customer: string; words: string[] };
  close(): Promise<void>;
}

export const CUSTOMERS = { dana: 'Priscilla Danaclient', sam: 'Bartholomew Samclient' } as const;

export async function startTwoAgents(extraAccounts: { username: string; role: 'agent' | 'reviewer' | 'lead' | 'admin'; agentName?: string }[] = []): Promise<TwoAgents> {
  const calls = generateCalls({ formats: ['wav'] });
  const eleven: FakeElevenLabs = await startFakeElevenLabs({ fixtures: [calls] });
  const openai: FakeOpenAI = await startFakeOpenAI({ fixtures: [calls] });
  const s = await startUsersServer({
    accounts: [{ username: 'dana', role: 'agent', agentName: 'dana' }, { username: 'sam', role: 'agent', agentName: 'sam' }, { username: 'rita', role: 'reviewer' }, ...extraAccounts],
    env: { CCA_ELEVENLABS_BASE_URL: eleven.url, ELEVENLABS_API_KEY: 'test-key', CCA_OPENAI_BASE_URL: openai.url, OPENAI_API_KEY: 'test-key' },
  });
  const owner = { Authorization: `Bearer ${s.server.token}`, 'Content-Type': 'application/json' };
  const reviewer = { Authorization: `Bearer ${s.tokens.rita}` };
  const dir = mkdtempSync(join(tmpdir(), 'cca-scope-'));
  const [a, b, c] = calls.ids;
  const files = [[a, 'dana', 'c1'], [b, 'sam', 'c2'], [c, 'dana', 'c3']].map(([id, agent, n]) => {
    const f = join(dir, `2024-05-02_${agent}_${n}.wav`);
    copyFileSync(calls.file(id!, 'wav'), f);
    return f;
  });
  const res = await fetch(`${s.origin}/api/v1/recordings/import`, { method: 'POST', headers: owner, body: JSON.stringify({ paths: files }) });
  const batch = ((await res.json()) as { value: { results: { fileName: string; recordingId: number }[] } }).value.results;
  const ids = { dana: [] as number[], sam: [] as number[] };
  for (const r of batch) ids[r.fileName.includes('_sam_') ? 'sam' : 'dana'].push(r.recordingId);
  for (const who of ['dana', 'sam'] as const) {
    for (const id of ids[who]) {
      await fetch(`${s.origin}/api/v1/recordings/${id}`, { method: 'PATCH', headers: owner, body: JSON.stringify({ customer: CUSTOMERS[who] }) });
    }
  }
  await waitFor('every call to be processed', async () => {
    const jobs = ((await (await fetch(`${s.origin}/api/v1/jobs?limit=100`, { headers: reviewer })).json()) as { value: { jobs: { state: string }[] } }).value;
    return jobs.jobs.length === 18 && jobs.jobs.every((j) => j.state === 'done') ? true : null;
  });
  const words = async (id: number) => {
    const t = ((await (await fetch(`${s.origin}/api/v1/recordings/${id}/transcript`, { headers: reviewer })).json()) as { value: { transcript: { segments: { text: string }[] } } }).value;
    return new Set(t.transcript.segments.flatMap((x) => x.text.toLowerCase().match(/[a-z]{6,}/g) ?? []));
  };
  // Words of sam's call that nothing dana may legitimately see contains: not her calls' transcripts,
  // analyses, evidence pages or exports, not the rubric, not the queue names.
  const text = async (path: string) => (await (await fetch(`${s.origin}${path}`, { headers: reviewer })).text()).toLowerCase();
  const danaVisible = (await Promise.all([
    '/api/v1/rubrics', '/api/v1/exports/calls.json?agent=dana', '/api/v1/dashboard?agent=dana', '/api/v1/calls/facets?agent=dana',
    ...ids.dana.flatMap((id) => [`/api/v1/recordings/${id}/analysis`, `/api/v1/recordings/${id}/evidence.html`, `/api/v1/recordings/${id}/checks`]),
  ].map(text))).join('\n');
  const danas = new Set([...(await words(ids.dana[0]!)), ...(await words(ids.dana[1]!))]);
  const samWords = [...(await words(ids.sam[0]!))].filter((w) => !danas.has(w) && !danaVisible.includes(w));
  return {
    s, ids,
    samOnly: { fileName: '2024-05-02_sam_c2', customer: CUSTOMERS.sam, words: samWords },
    async close() {
      await s?.close();
      await eleven?.close();
      await openai?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
