import { combineOperations, type OpInput, type OpOutput, type Result } from './define.js';
import { systemOperations } from './operations/system.js';
import { recordingOperations } from './operations/recordings.js';
import { callOperations } from './operations/calls.js';
import { queueOperations } from './operations/queue.js';
import { localAnalyticsOperations } from './operations/local-analytics.js';
import { transcriptOperations } from './operations/transcripts.js';
import { analysisOperations } from './operations/analysis.js';
import { rubricOperations } from './operations/rubrics.js';
import { exportOperations } from './operations/exports.js';
import { reviewOperations } from './operations/reviews.js';
import { assignmentOperations } from './operations/assignments.js';
import { disputeOperations } from './operations/disputes.js';
import { mediaOperations } from './operations/media.js';
import { dashboardOperations } from './operations/dashboard.js';
import { observabilityOperations } from './operations/observability.js';
import { estimateOperations } from './operations/estimates.js';
import { authOperations } from './operations/auth.js';
import { calibrationOperations } from './operations/calibrations.js';

export * from './define.js';
export * from './errors.js';
export { events, type EventName, type Events } from './events.js';

/** The whole contract: every operation of every domain. Add a domain's map here. */
export const operations = combineOperations(systemOperations, recordingOperations, callOperations, queueOperations, localAnalyticsOperations, transcriptOperations, analysisOperations, rubricOperations, exportOperations, reviewOperations, mediaOperations, dashboardOperations, observabilityOperations, estimateOperations, authOperations, assignmentOperations, disputeOperations, calibrationOperations);
export type Operations = typeof operations;
export type OperationName = keyof Operations;

/** The typed surface the renderer sees, whichever transport carries it. */
export type ContractApi = {
  [K in OperationName]: (input: OpInput<Operations[K]>) => Promise<Result<OpOutput<Operations[K]>>>;
};
