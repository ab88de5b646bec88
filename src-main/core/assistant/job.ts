// The assistant's reactions to the store, whoever wrote (a handler, an adapter, replication):
//   inbound reply of a lead it talks to      -> a turn (read, maybe hand off, next question)
//   enrollment in a sequence it is on for    -> on for that lead (it answers their reply)
//   lead's score crosses the hot threshold   -> hand-off
//   a lead silent past its nudge time        -> a turn on the silence (ask again, or hand off)
// Turns of one lead run in order (LeadLocks); one clock timer waits for the earliest nudge
// (NudgePlan, kept up to date from the change stream of the lead states, not by re-reading them).
import type { RxChangeEvent } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { AssistantLeadState } from '../../../src-shared/assistant';
import {
  ASSISTANT_LEAD_STATE_PREFIX,
  assistantLeadStateId,
  newAssistantLeadState,
  parseAssistantLeadState,
} from '../../../src-shared/assistant';
import type { Enrollment, Lead, Message } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { stopEnrollment } from '../enrollments/materialise';
import { handOffLead } from './effects';
import { NudgePlan } from './nudge-plan';
import { LeadLocks, listLeadStates, readAssistantSettings, readLeadState, writeLeadState } from './store';
import { runAssistantTurn } from './turn-runner';

const readable = new Set(['sms', 'whatsapp', 'email']);

export interface AssistantJob {
  locks: LeadLocks;
  stop(): void;
  idle(): Promise<void>;
}

export function startAssistant(ctx: CoreContext): AssistantJob {
  const locks = new LeadLocks();
  let loading: Promise<void> = Promise.resolve();
  const ignore = (): undefined => undefined;

  const nudges = new NudgePlan(ctx.clock, async (leadIds) => {
    await Promise.all(
      leadIds.map((leadId) =>
        locks.run(leadId, () => runAssistantTurn(ctx, leadId, { kind: 'silence' })).catch(ignore),
      ),
    );
  });

  const onInbound = (message: Message): void => {
    if (!readable.has(message.channel)) return;
    void locks
      .run(message.leadId, async () => {
        const state = await readLeadState(ctx, message.leadId);
        if (state === null || state.mode === 'off' || state.mode === 'stopped') return;
        const text = message.subject === undefined ? message.body : `${message.subject}\n${message.body}`;
        await runAssistantTurn(ctx, message.leadId, {
          kind: 'reply',
          messageId: message.id,
          text,
          optOut: message.classification === 'opt_out',
        });
      })
      .catch(ignore);
  };

  const onEnrollment = (enrollment: Enrollment): void => {
    void locks
      .run(enrollment.leadId, async () => {
        const existing = await readLeadState(ctx, enrollment.leadId);
        if (existing !== null) {
          // One voice at a time: a sequence that starts while the assistant talks (a positive
          // reply's nurture, a tag) is stopped; the one that turned the assistant on is not.
          if (existing.mode === 'on' && existing.sequenceId !== enrollment.sequenceId)
            await stopEnrollment(ctx, enrollment, 'The assistant is talking to this lead.');
          return;
        }
        const settings = await readAssistantSettings(ctx);
        if (!settings.sequenceIds.includes(enrollment.sequenceId)) return;
        await writeLeadState(
          ctx,
          newAssistantLeadState(enrollment.leadId, 'sequence', enrollment.sequenceId, ctx.clock.now()),
        );
      })
      .catch(ignore);
  };

  const onScore = (before: Lead, after: Lead): void => {
    void locks
      .run(after.id, async () => {
        const settings = await readAssistantSettings(ctx);
        if (after.score < settings.hotScore || before.score >= settings.hotScore) return;
        const state: AssistantLeadState | null = await readLeadState(ctx, after.id);
        if (state?.mode !== 'on') return;
        const reason = `Their score rose to ${after.score} (hot from ${settings.hotScore}).`;
        await writeLeadState(ctx, await handOffLead(ctx, after, state, { kind: 'hot', reason }));
      })
      .catch(ignore);
  };

  const subscriptions: Subscription[] = [
    ctx.db.messages.$.subscribe((event: RxChangeEvent<Message>) => {
      if (event.operation === 'INSERT' && event.documentData.direction === 'inbound')
        onInbound(event.documentData);
    }),
    ctx.db.enrollments.$.subscribe((event: RxChangeEvent<Enrollment>) => {
      if (event.operation === 'INSERT') onEnrollment(event.documentData);
    }),
    ctx.db.leads.$.subscribe((event: RxChangeEvent<Lead>) => {
      if (event.operation === 'UPDATE') onScore(event.previousDocumentData, event.documentData);
    }),
    ctx.db.settings.$.subscribe((event) => {
      if (!event.documentId.startsWith(ASSISTANT_LEAD_STATE_PREFIX)) return;
      const value: unknown = event.operation === 'DELETE' ? null : event.documentData.value;
      nudges.update(event.documentId, value === null ? null : parseAssistantLeadState(value));
    }),
  ];
  // The one full read: the plan follows the change stream from here on.
  loading = listLeadStates(ctx)
    .then((states) =>
      nudges.load(states.map((state) => ({ docId: assistantLeadStateId(state.leadId), state }))),
    )
    .catch(ignore);

  return {
    locks,
    stop: () => {
      for (const s of subscriptions) s.unsubscribe();
      nudges.stop();
    },
    idle: async () => {
      await loading;
      await locks.idle();
    },
  };
}
