/**
 * A fetch wrapper for SDK clients (`new OpenAI({ fetch })`, `new ElevenLabsClient({ fetch })`) that
 * keeps a copy of every response body, so a test can check what actually crossed the wire.
 */
export interface CapturedExchange {
  url: string;
  method: string;
  status: number;
  contentType: string;
  text: string;
}

export function capturingFetch(): { fetch: typeof fetch; exchanges: CapturedExchange[] } {
  const exchanges: CapturedExchange[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    // openai-node probes multipart support with fetch('data:,'); only keep real HTTP exchanges.
    if (!url.startsWith('http')) return res;
    exchanges.push({
      url,
      method: init?.method ?? 'GET',
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      text: await res.clone().text(),
    });
    return res;
  };
  return { fetch: wrapped, exchanges };
}
