import { AssignmentsDao } from './dao/assignments-dao.js';
import { AnalysesDao } from './dao/analyses-dao.js';
import { ApiTokensDao } from './dao/api-tokens-dao.js';
import { AppSettingsDao } from './dao/app-settings-dao.js';
import { AuditDao } from './dao/audit-dao.js';
import { CalibrationsDao } from './dao/calibrations-dao.js';
import { CallDocumentsDao } from './dao/call-documents-dao.js';
import { CallProjectionDao } from './dao/call-projection-dao.js';
import { CallsDao } from './dao/calls-dao.js';
import { DashboardDao } from './dao/dashboard-dao.js';
import { DisputesDao } from './dao/disputes-dao.js';
import { EgressDao } from './dao/egress-dao.js';
import { EstimatesDao } from './dao/estimates-dao.js';
import { ExportCursorDao } from './dao/export-cursor-dao.js';
import { FtsDao } from './dao/fts-dao.js';
import { ImportBatchesDao } from './dao/import-batches-dao.js';
import { ImportFailuresDao } from './dao/import-failures-dao.js';
import { JobsControlDao } from './dao/jobs-control-dao.js';
import { JobsDao, type JobsListener } from './dao/jobs-dao.js';
import { JobsQueryDao } from './dao/jobs-query-dao.js';
import { LocalAnalyticsDao } from './dao/local-analytics-dao.js';
import { NotificationsDao } from './dao/notifications-dao.js';
import { ProblemsDao } from './dao/problems-dao.js';
import { RecordingsDao } from './dao/recordings-dao.js';
import { ReportsDao } from './dao/reports-dao.js';
import { ReviewsDao } from './dao/reviews-dao.js';
import { RollupsDao } from './dao/rollups-dao.js';
import { RubricsDao } from './dao/rubrics-dao.js';
import { SessionsDao } from './dao/sessions-dao.js';
import { TranscriptQualityDao } from './dao/transcript-quality-dao.js';
import { TranscriptsDao } from './dao/transcripts-dao.js';
import { UsersDao } from './dao/users-dao.js';
import { WorkerTokensDao } from './dao/worker-tokens-dao.js';
import type { AppDatabase } from './open.js';

/**
 * Every DAO of one database, built once by a composition root (main/core.ts, a CLI, a worker) and
 * handed to the services that need them: services never build DAOs, and DAOs never call each other.
 * The queue's DAOs report job state changes to `jobs` (the call projection).
 */
export function createDaos(db: AppDatabase, jobs: JobsListener) {
  return {
    analyses: new AnalysesDao(db),
    assignments: new AssignmentsDao(db),
    apiTokens: new ApiTokensDao(db),
    appSettings: new AppSettingsDao(db),
    audit: new AuditDao(db),
    calibrations: new CalibrationsDao(db),
    callDocuments: new CallDocumentsDao(db),
    callProjection: new CallProjectionDao(db),
    calls: new CallsDao(db),
    dashboard: new DashboardDao(db),
    disputes: new DisputesDao(db),
    egress: new EgressDao(db),
    estimates: new EstimatesDao(db),
    exportCursor: new ExportCursorDao(db),
    fts: new FtsDao(db),
    importBatches: new ImportBatchesDao(db),
    importFailures: new ImportFailuresDao(db),
    jobs: new JobsDao(db, jobs),
    jobsControl: new JobsControlDao(db, jobs),
    jobsQuery: new JobsQueryDao(db),
    localAnalytics: new LocalAnalyticsDao(db),
    notifications: new NotificationsDao(db),
    problems: new ProblemsDao(db),
    recordings: new RecordingsDao(db),
    reports: new ReportsDao(db),
    reviews: new ReviewsDao(db),
    rollups: new RollupsDao(db),
    rubrics: new RubricsDao(db),
    sessions: new SessionsDao(db),
    transcriptQuality: new TranscriptQualityDao(db),
    transcripts: new TranscriptsDao(db),
    users: new UsersDao(db),
    workerTokens: new WorkerTokensDao(db),
  };
}
export type Daos = ReturnType<typeof createDaos>;

/** For a process that reads and exports but never moves a job (render workers, CLIs). */
export const noJobMoves: JobsListener = {
  statusChanged: () => {
    throw new Error('This process does not move jobs; the app does.');
  },
  sourcesChanged: () => {
    throw new Error('This process does not move jobs; the app does.');
  },
};
