import { EmptyState } from '../components/EmptyState.js';
import { useNav } from '../stores/nav-store.js';
import { ViewHeader } from './ViewHeader.js';

export function QueueView() {
  const go = useNav((s) => s.go);
  return (
    <>
      <ViewHeader title="Queue" subtitle="Transcription and analysis progress for every imported call." />
      <EmptyState
        icon="queue"
        title="Nothing is being processed"
        action={<button type="button" className="btn primary" onClick={() => go('import')}>Import recordings</button>}
      >
        <p>Imported calls are transcribed and analysed here, step by step. Work waits safely when you are offline or a key is missing.</p>
      </EmptyState>
    </>
  );
}
