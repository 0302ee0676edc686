import { EmptyState } from '../components/EmptyState.js';
import { useNav } from '../stores/nav-store.js';
import { ViewHeader } from './ViewHeader.js';

export function CallsView() {
  const go = useNav((s) => s.go);
  return (
    <>
      <ViewHeader title="Calls" subtitle="Every call in your library, with scores, flags and search." />
      <EmptyState
        icon="calls"
        title="No calls yet"
        action={<button type="button" className="btn primary" onClick={() => go('import')}>Import recordings</button>}
      >
        <p>Start by importing call recordings. Each call gets a diarized transcript, local metrics and a QA scorecard with evidence you can play.</p>
        <ol className="steps">
          <li>Import recordings (drop a folder on the window).</li>
          <li>Add an OpenAI or ElevenLabs key in Settings, or point to a local OpenAI-compatible server.</li>
          <li>Review each scorecard, override what the AI got wrong, export reports.</li>
        </ol>
      </EmptyState>
    </>
  );
}
