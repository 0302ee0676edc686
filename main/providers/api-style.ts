/**
 * Which OpenAI API analysis uses against a base URL. `CCA_OPENAI_API_STYLE`: `responses` or `chat`
 * force one; `auto` (the default) starts with the Responses API and, when a server answers it with 404
 * or 405 (llama.cpp's server, Ollama and LM Studio speak only Chat Completions), switches to Chat
 * Completions and remembers that for the base URL, so later calls go straight there. Settings shows
 * what each server answered (ProviderStatusBook.facts).
 */
export type ApiStyleSetting = 'auto' | 'responses' | 'chat';
export type ApiStyle = 'responses' | 'chat';

export interface AnsweredStyle {
  baseUrl: string;
  style: ApiStyle;
  /** True when `auto` found no Responses API there. */
  fellBack: boolean;
}

const key = (baseUrl: string) => baseUrl.replace(/\/+$/, '');

export class ApiStyleMemory {
  private readonly answered = new Map<string, AnsweredStyle>();

  /** The style to try first. */
  first(baseUrl: string, setting: ApiStyleSetting): ApiStyle {
    if (setting !== 'auto') return setting;
    return this.answered.get(key(baseUrl))?.style ?? 'responses';
  }

  /** After a 404/405 from `tried` under `setting`: the style to try next, or null to give up. */
  fallback(setting: ApiStyleSetting, tried: ApiStyle, status: number | undefined): ApiStyle | null {
    return setting === 'auto' && tried === 'responses' && (status === 404 || status === 405) ? 'chat' : null;
  }

  /** A style answered with a usable result. */
  record(baseUrl: string, style: ApiStyle, fellBack: boolean): void {
    const k = key(baseUrl);
    const before = this.answered.get(k);
    this.answered.set(k, { baseUrl: k, style, fellBack: fellBack || (before?.fellBack === true && style === 'chat') });
  }

  get(baseUrl: string): AnsweredStyle | undefined {
    return this.answered.get(key(baseUrl));
  }
}
