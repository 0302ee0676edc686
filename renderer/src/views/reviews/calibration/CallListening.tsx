import { useEffect, useState } from 'react';
import type { TranscriptSegment } from '../../../../../preload/contract/schemas/transcript.js';
import { api } from '../../../api/client.js';
import { clock } from '../../../../../preload/contract/time-format.js';


/**
 * What a blind reviewer scores from: the audio and the transcript, both of which carry no answer
 * (declared `blind: 'safe'` in the contract, so the server serves them while the call is blind).
 */
export function CallListening({ recordingId }: { recordingId: number }) {
  const [url, setUrl] = useState<string | null>(null);
  const [segments, setSegments] = useState<TranscriptSegment[] | null>(null);
  useEffect(() => {
    void api['media.audioUrl']({ id: recordingId }).then((r) => setUrl(r.ok ? r.value.url : null));
    void api['transcripts.get']({ id: recordingId, redact: true }).then((r) => setSegments(r.ok ? r.value.transcript.segments : []));
  }, [recordingId]);
  return (
    <div className="cal-listen">
      {url ? <audio controls preload="none" src={url} aria-label="Call audio" /> : null}
      <details>
        <summary className="small">Transcript{segments ? ` · ${segments.length} turns` : ''}</summary>
        <div className="cal-transcript">
          {segments?.length === 0 ? <p className="muted small">No transcript yet.</p> : null}
          {segments?.map((s, i) => (
            <p key={i} className={s.role === 'agent' ? 'agent' : 'customer'}><span className="muted small">{clock(s.start)} {s.role}</span> {s.text}</p>
          ))}
        </div>
      </details>
    </div>
  );
}
