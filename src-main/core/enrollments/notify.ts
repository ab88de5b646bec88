// Change events for the renderer; coalesced per tick so a bulk operation sends a few events,
// not one per document.
import type { CoreContext } from '../context';

interface Pending {
  messageIds: Set<string>;
  messageLeads: Set<string>;
  enrollmentLeads: Set<string>;
  scheduled: boolean;
}

const pendingByContext = new WeakMap<CoreContext, Pending>();

function pendingOf(ctx: CoreContext): Pending {
  let pending = pendingByContext.get(ctx);
  if (pending === undefined) {
    pending = {
      messageIds: new Set(),
      messageLeads: new Set(),
      enrollmentLeads: new Set(),
      scheduled: false,
    };
    pendingByContext.set(ctx, pending);
  }
  return pending;
}

function flushSoon(ctx: CoreContext, pending: Pending): void {
  if (pending.scheduled) return;
  pending.scheduled = true;
  setImmediate(() => {
    pending.scheduled = false;
    if (pending.messageIds.size > 0) {
      ctx.events.emit('messages-changed', {
        ids: [...pending.messageIds],
        leadIds: [...pending.messageLeads],
      });
      pending.messageIds.clear();
      pending.messageLeads.clear();
    }
    if (pending.enrollmentLeads.size > 0) {
      ctx.events.emit('enrollments-changed', { leadIds: [...pending.enrollmentLeads] });
      pending.enrollmentLeads.clear();
    }
  });
}

export function notifyMessages(ctx: CoreContext, ids: readonly string[], leadIds: readonly string[]): void {
  const pending = pendingOf(ctx);
  for (const id of ids) pending.messageIds.add(id);
  for (const id of leadIds) pending.messageLeads.add(id);
  flushSoon(ctx, pending);
}

export function notifyEnrollments(ctx: CoreContext, leadIds: readonly string[]): void {
  const pending = pendingOf(ctx);
  for (const id of leadIds) pending.enrollmentLeads.add(id);
  flushSoon(ctx, pending);
}
