import { z } from 'zod';
import { defineEvent } from './define.js';
import { ErrorInfo } from './errors.js';
import { SettingsView } from './schemas/settings.js';
import { recordingEvents } from './operations/recordings.js';
import { queueEvents } from './operations/queue.js';
import { exportEvents } from './operations/exports.js';
import { disputeEvents } from './operations/disputes.js';

/** Every event main pushes to the renderer (IPC in Electron, SSE at GET /api/v1/events in browser mode). */
export const events = {
  ...recordingEvents,
  ...queueEvents,
  ...exportEvents,
  ...disputeEvents,
  'settings.changed': defineEvent({ summary: 'Settings or secrets changed.', payload: SettingsView }),
  'recording.imported': defineEvent({
    summary: 'A recording was added to the library (the queue starts its pipeline from this event).',
    payload: z.object({ recordingId: z.number().int(), fileName: z.string() }),
  }),
  'app.notice': defineEvent({
    summary: 'Something the user should see as a toast (background completion or failure).',
    payload: z.object({
      level: z.enum(['info', 'success', 'warning', 'error']),
      message: z.string(),
      error: ErrorInfo.optional(),
    }),
  }),
};
export type Events = typeof events;
export type EventName = keyof Events;
