import type { RecordingRow } from '../../../db/schema/recordings.js';
import { seesServerPaths } from '../../auth/server-files.js';
import type { CallContext } from '../../contract/registry.js';
import { CallDirection, MetadataSource, type RecordingView } from '../../../preload/contract/schemas/recordings.js';

/**
 * A database row → what crosses the boundary (metadata grouped, unknown values dropped, not guessed).
 * Server paths only for administrators (`seesServerPaths`): others get the file's name alone.
 */
export function toRecordingView(r: RecordingRow, ctx: Pick<CallContext, 'role'>): RecordingView {
  const paths = seesServerPaths(ctx);
  const direction = CallDirection.safeParse(r.direction);
  const sources: RecordingView['metadataSources'] = {};
  for (const [k, v] of Object.entries(r.metadataSources ?? {})) {
    const s = MetadataSource.safeParse(v);
    if (s.success) sources[k] = s.data;
  }
  return {
    id: r.id,
    fileName: r.fileName,
    originalPath: paths ? r.originalPath : null,
    audioPath: paths ? r.audioPath : '',
    sha256: r.sha256,
    sizeBytes: r.sizeBytes,
    durationSec: r.durationSec,
    channels: r.channels,
    sampleRate: r.sampleRate,
    codec: r.codec,
    container: r.container,
    bitRate: r.bitRate,
    stereoSplit: r.stereoSplit,
    status: r.status,
    metadata: {
      agent: r.agent,
      customer: r.customer,
      account: r.account,
      queue: r.queue,
      campaign: r.campaign,
      callTime: r.callTime,
      direction: direction.success ? direction.data : null,
      externalCallId: r.externalCallId,
    },
    metadataSources: sources,
    importedAt: r.importedAt,
    updatedAt: r.updatedAt,
  };
}
