import { useEffect } from 'react';
import { useApp } from '../../stores/app-store.js';

/**
 * Which API the OpenAI(-compatible) server answered analysis with (CCA_OPENAI_API_STYLE=auto learns it
 * on the first analysis: local servers such as llama.cpp, Ollama and LM Studio only speak Chat
 * Completions). Nothing until a first analysis has run.
 */
export function ServerApiNote() {
  const api = useApp((s) => s.health?.providers.find((p) => p.id === 'openai')?.api);
  const loadHealth = useApp((s) => s.loadHealth);
  useEffect(() => void loadHealth(), [loadHealth]);
  if (!api) return null;
  const style = api.style === 'chat' ? 'Chat Completions' : 'the Responses API';
  return (
    <p className="muted" data-testid="server-api">
      Analysis server at <code>{api.baseUrl}</code> answers through {style}
      {api.fellBack ? ' (it has no Responses API).' : '.'}
    </p>
  );
}
