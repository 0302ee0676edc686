// Every table of the app. drizzle-kit reads this file to generate migrations (db/migrations).
export * from './recordings.js';
export * from './app-settings.js';
export * from './audit-log.js';
export * from './jobs.js';
export * from './transcripts.js';
export * from './rubrics.js';
export * from './analyses.js';
export * from './call-summary.js';
export * from './local-analytics.js';
export * from './reviews.js';
export * from './observability.js';
export * from './import-batches.js';
export * from './users.js';
export * from './assignments.js';
export * from './disputes.js';
export * from './calibrations.js';
