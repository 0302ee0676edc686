import { z } from 'zod';
import { PathId } from '../schemas/ids.js';
import { defineEvent, defineOperation } from '../define.js';
import { CallFilter } from '../schemas/calls.js';
import { DisputeStatus, DisputeView, NotificationList, RaiseDispute, ResolveDispute } from '../schemas/disputes.js';

const example: DisputeView = {
  id: 4, recordingId: 12, fileName: '2024-05-03_dana-ruiz_8812.wav', agent: 'dana', criterionId: 'empathy',
  question: 'How well did the agent acknowledge the customer\'s frustration?', answer: '2', atSec: 41.2,
  comment: 'I apologised twice for the double charge at 0:41.', raisedBy: 'dana', raisedRole: 'agent', raisedAt: '2024-05-04T08:15:00.000Z',
  reviewer: 'sam', status: 'changed', newAnswer: '4', resolvedBy: 'lena', resolvedAt: '2024-05-04T11:02:00.000Z', resolution: 'Agreed: two clear acknowledgements.',
};

/** Team QA: disputes of one scorecard criterion, and the in-app notifications that tell the parties. */
export const disputeOperations = {
  'disputes.list': defineOperation({
    method: 'GET', path: '/api/v1/disputes', tag: 'disputes', role: 'agent', scope: 'calls',
    summary: 'Disputes, open ones first, then newest. An agent sees the disputes of their own calls only.',
    input: z.object({
      status: DisputeStatus.optional(),
      recordingId: z.coerce.number().int().positive().optional(),
      agent: z.string().max(200).optional(),
      exceptIds: CallFilter.shape.exceptIds,
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
    output: z.array(DisputeView),
    example: { input: { status: 'open' }, output: [{ ...example, status: 'open', newAnswer: null, resolvedBy: null, resolvedAt: null, resolution: null }] },
  }),
  'disputes.raise': defineOperation({
    method: 'POST', path: '/api/v1/disputes', tag: 'disputes', role: 'agent', scope: 'recording',
    summary: 'Dispute one criterion of a reviewed scorecard, with a comment and optionally a moment of the call (seconds). The call\'s agent (their own calls only) or a reviewer; one open dispute per call and criterion. Leads and the call\'s reviewer are notified; audited.',
    input: RaiseDispute,
    output: DisputeView,
    example: { input: { recordingId: 12, criterionId: 'empathy', comment: 'I apologised twice for the double charge at 0:41.', atSec: 41.2 }, output: { ...example, status: 'open', newAnswer: null, resolvedBy: null, resolvedAt: null, resolution: null } },
  }),
  'disputes.resolve': defineOperation({
    method: 'POST', path: '/api/v1/disputes/{id}/resolve', tag: 'disputes', role: 'lead',
    summary: 'Resolve an open dispute: upheld (the answer stands) or changed (the new answer becomes the call\'s override and the final score is recomputed). A comment is required; the raiser, the reviewer and the agent are notified; audited.',
    input: ResolveDispute.extend({ id: PathId }),
    output: DisputeView,
    example: { input: { id: 4, outcome: 'changed', answer: '4', comment: 'Agreed: two clear acknowledgements.' }, output: example },
  }),
  'notifications.list': defineOperation({
    method: 'GET', path: '/api/v1/notifications', tag: 'disputes', role: 'agent', scope: 'self',
    summary: 'The signed-in user\'s notifications (disputes raised and resolved, coaching notes), newest first, with the unread count. Those about a call the user scores blind in calibration wait until they submit.',
    input: z.object({
      unread: z.union([z.boolean(), z.enum(['true', 'false'])]).optional().transform((v) => v === true || v === 'true'),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
    output: NotificationList,
    example: { input: {}, output: { unread: 1, items: [{ id: 9, kind: 'dispute_resolved', recordingId: 12, title: 'Dispute changed: empathy', body: 'lena changed the answer 2 → 4: Agreed: two clear acknowledgements.', createdAt: '2024-05-04T11:02:00.000Z', readAt: null }] } },
  }),
  'notifications.read': defineOperation({
    method: 'POST', path: '/api/v1/notifications/read', tag: 'disputes', role: 'agent', scope: 'self',
    summary: 'Mark the signed-in user\'s notifications read: the ones named, or all of them.',
    input: z.object({ ids: z.array(z.number().int().positive()).max(500).optional() }),
    output: z.object({ changed: z.number().int().nonnegative() }),
    example: { input: { ids: [9] }, output: { changed: 1 } },
  }),
};

/**
 * Addressed events: the event stream hands one only to the user named in `to` (and the desktop shows
 * it as an OS notification when it is for this computer's user).
 */
export const disputeEvents = {
  'notifications.new': defineEvent({
    summary: 'A notification was written for the user named in `to` (their stream only): refetch GET /api/v1/notifications.',
    payload: z.object({ to: z.string(), recordingId: z.number().int().nullable(), title: z.string(), body: z.string() }),
  }),
};
