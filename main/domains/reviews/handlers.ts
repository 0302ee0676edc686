import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';

type ReviewHandlers = Pick<HandlerMap, 'reviews.get' | 'reviews.setReviewed' | 'reviews.override' | 'reviews.clearOverride' | 'reviews.overrideCompliance' | 'reviews.clearComplianceOverride' | 'reviews.overrideOutcome' | 'reviews.clearOutcomeOverride' | 'reviews.addComment' | 'reviews.deleteComment' | 'reviews.editTranscript' | 'reviews.audit' | 'reviews.acknowledge' | 'reviews.pendingAcknowledgements'>;

export function reviewHandlers(core: CoreContext): ReviewHandlers {
  const s = core.services.reviews;
  return {
    'reviews.get': ({ id }, ctx) => s.get(id, ctx.role === 'agent' ? 'agent' : 'staff'),
    'reviews.setReviewed': ({ id, reviewed }, ctx) => s.setReviewed(id, reviewed, ctx.actor),
    'reviews.override': ({ id, criterionId, answer, comment }, ctx) => s.override(id, criterionId, answer, comment, ctx.actor),
    'reviews.clearOverride': ({ id, criterionId }, ctx) => s.clearOverride(id, criterionId, ctx.actor),
    'reviews.overrideCompliance': ({ id, index, status, comment }, ctx) => s.overrideCompliance(id, index, status, comment, ctx.actor),
    'reviews.clearComplianceOverride': ({ id, index }, ctx) => s.clearComplianceOverride(id, index, ctx.actor),
    'reviews.overrideOutcome': ({ id, outcome, callReason, comment }, ctx) => s.overrideOutcome(id, outcome, callReason, comment, ctx.actor),
    'reviews.clearOutcomeOverride': ({ id }, ctx) => s.clearOutcomeOverride(id, ctx.actor),
    'reviews.addComment': ({ id, text, atSec, coaching }, ctx) => s.addComment(id, text, atSec ?? null, coaching, ctx.actor),
    'reviews.deleteComment': ({ id, commentId }, ctx) => s.deleteComment(id, commentId, ctx.actor),
    'reviews.editTranscript': ({ id, segmentIndex, text }, ctx) => s.editTranscript(id, segmentIndex, text, ctx.actor),
    'reviews.audit': ({ id, limit }) => s.auditTrail(id, limit),
    'reviews.acknowledge': ({ id }, ctx) => s.acknowledge(id, ctx.role, ctx.actor),
    'reviews.pendingAcknowledgements': ({ limit }) => s.pendingAcknowledgements(limit),
  };
}
