import { EmptyState } from '../components/EmptyState.js';
import { ViewHeader } from './ViewHeader.js';

export function ImportView() {
  return (
    <>
      <ViewHeader title="Import" subtitle="Add call recordings to your library." />
      <EmptyState icon="import" title="Drop call recordings here">
        <p>
          Drag files or whole folders of recordings anywhere onto this window: WAV, MP3, M4A, OGG, FLAC, WebM or MP4.
        </p>
        <p className="muted">Each call is listed with its duration as soon as it is read. Nothing leaves this computer until you configure a provider.</p>
      </EmptyState>
    </>
  );
}
