// The assistant's reactions to the store, whoever wrote (a handler, an adapter, replication):
//   inbound reply of a lead it talks to      -> a turn (read, maybe hand off, next question)
//   enrollment in a sequence it is on for    -> on for that lead (it answers their reply)
//   lead's score crosses the hot threshold   -> hand-off
//   a lead silent past its nudge time        -> a turn on the silence (ask again, or hand off)
// Turns of one lead run in order (LeadLocks); one clock timer waits for the earliest nudge.
import type { RxChangeEvent } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { AssistantLeadState } from '../../../src-shared/assistant';
import { ASSISTANT_SETTINGS_ID, newAssistantLeadState } from '../../../src-shared/assistant';
import type { Enrollment, Lead, Message } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import type { TimerHandle } from '../ports/clock';
import { stopEnrollment } from '../enrollments/materialise';
import { handOffLead } from './effects';
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
  let timer: TimerHandle | null = null;
  let stopped = false;
  let planning: Promise<void> = Promise.resolve();
  const ignore = (): undefined => undefined;

  const planNudge = (): void => {
    planning = planning
      .then(async () => {
        if (stopped) return;
        const states = await listLeadStates(ctx);
        const due = states.filter((s) => s.mode === 'on' && s.nudgeAt !== null).map((s) => s.nudgeAt ?? 0);
        timer?.cancel();
        timer = due.length === 0 ? null : ctx.clock.setTimer(Math.min(...due), nudgeDue);
      })
      .catch(ignore);
  };

  const nudgeDue = (): void => {
    void (async () => {
      const now = ctx.clock.now();
      for (const state of await listLeadStates(ctx))
        if (state.mode === 'on' && state.nudgeAt !== null && state.nudgeAt <= now)
          await locks
            .run(state.leadId, () => runAssistantTurn(ctx, state.leadId, { kind: 'silence' }))
            .catch(ignore);
      planNudge();
    })();
  };

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
      if (event.documentId.startsWith(ASSISTANT_SETTINGS_ID)) planNudge();
    }),
  ];
  planNudge();

  return {
    locks,
    stop: () => {
      stopped = true;
      for (const s of subscriptions) s.unsubscribe();
      timer?.cancel();
    },
    idle: async () => {
      await locks.idle();
      await planning;
      await locks.idle();
    },
  };
}
