// The assistant's handlers: a lead's conversation state, turning it on for a lead (its opener
// goes from the job, at once, through the outbox), the agent taking over and handing back,
// turning it off, the team's limits and sequence switch, and the conversations for Replies.
import type { AssistantLeadState, Qualification } from '../../../src-shared/assistant';
import { newAssistantLeadState, nextField, progressOf, questionFor } from '../../../src-shared/assistant';
import type { AssistantConversation, AssistantLeadView } from '../../../src-shared/ipc/assistant';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';
import { stopLeadEnrollments } from '../enrollments/control';
import { cancelQueued, noteFor } from './effects';
import {
  listLeadStates,
  readAssistantSettings,
  readLeadState,
  saveAssistantSettings,
  writeLeadState,
} from './store';
import { profileBlock } from './turn-runner';

export function assistantHandlers(ctx: CoreContext) {
  const leadOf = async (leadId: string) => {
    const doc = await ctx.db.leads.findOne(leadId).exec();
    if (doc === null || doc.deletedAt > 0)
      throw new PorchlightError('not_found', `Lead ${leadId} was not found.`);
    return doc.toMutableJSON();
  };

  const view = async (leadId: string): Promise<AssistantLeadView> => {
    const state = await readLeadState(ctx, leadId);
    const qualification: Qualification = state?.qualification ?? {};
    const field =
      state === null || state.mode === 'off' || state.mode === 'stopped' ? null : nextField(qualification);
    return {
      leadId,
      state,
      nextField: field,
      nextQuestion:
        field === null ? null : questionFor(field, qualification.intent?.value, state?.language ?? 'en'),
      progress: progressOf(qualification),
      blocked: await profileBlock(ctx),
    };
  };

  const change = async (
    leadId: string,
    allowed: readonly AssistantLeadState['mode'][],
    refusal: string,
    next: (state: AssistantLeadState) => AssistantLeadState,
    note: string,
  ): Promise<AssistantLeadView> => {
    const lead = await leadOf(leadId);
    const state = await readLeadState(ctx, leadId);
    if (state === null || !allowed.includes(state.mode)) throw new PorchlightError('conflict', refusal);
    const now = ctx.clock.now();
    const turn = { at: now, kind: 'note' as const, field: null, messageId: null, text: note };
    const changed = { ...next(state), turns: [...state.turns, turn].slice(-60), updatedAt: now };
    await writeLeadState(ctx, changed);
    if (changed.mode !== 'on') await cancelQueued(ctx, leadId, note);
    // The agent's own changes are noted once each (a time-based id: two are never the same turn).
    await noteFor(ctx, lead, changed, note, `m${now.toString(36)}-`);
    return view(leadId);
  };

  return {
    'assistant-get': (args: ValidArgs<'assistant-get'>) => view(args.leadId),
    'assistant-start': async (args: ValidArgs<'assistant-start'>): Promise<AssistantLeadView> => {
      const lead = await leadOf(args.leadId);
      const block = await profileBlock(ctx);
      if (block !== null) throw new PorchlightError('validation', block);
      if (lead.phone === undefined && lead.email === undefined)
        throw new PorchlightError(
          'validation',
          'The assistant needs a phone number or an email to talk to this lead.',
        );
      const saved = await readLeadState(ctx, args.leadId);
      if (saved !== null && saved.mode !== 'off')
        throw new PorchlightError(
          'conflict',
          'The assistant is already set for this lead: take over or hand back instead.',
        );
      // One voice at a time: the lead's automatic sequences stop while the assistant talks.
      await stopLeadEnrollments(ctx, args.leadId, 'The assistant is talking to this lead.');
      const now = ctx.clock.now();
      // nudgeAt now: the job's timer runs its opener at once, in the lead's order of turns.
      await writeLeadState(ctx, { ...newAssistantLeadState(args.leadId, 'lead', null, now), nudgeAt: now });
      return view(args.leadId);
    },
    'assistant-take-over': (args: ValidArgs<'assistant-take-over'>) =>
      change(
        args.leadId,
        ['on', 'handed_off'],
        'The assistant is not talking to this lead.',
        (s) => ({ ...s, mode: 'paused', nudgeAt: null }),
        'You took over: the assistant is paused for this lead.',
      ),
    'assistant-hand-back': async (args: ValidArgs<'assistant-hand-back'>) => {
      // A lead who stays silent after the hand-back is asked its next question after the usual wait.
      const nudgeMs = (await readAssistantSettings(ctx)).nudgeAfterHours * 3_600_000;
      return change(
        args.leadId,
        ['paused', 'handed_off'],
        'The assistant is not paused for this lead.',
        (s) => ({ ...s, mode: 'on', unanswered: 0, nudgeAt: ctx.clock.now() + nudgeMs, handOff: null }),
        'You handed the lead back: the assistant answers their next message.',
      );
    },
    'assistant-stop': (args: ValidArgs<'assistant-stop'>) =>
      change(
        args.leadId,
        ['on', 'paused', 'handed_off'],
        'The assistant is not on for this lead.',
        (s) => ({ ...s, mode: 'off', nudgeAt: null }),
        'The assistant was turned off for this lead.',
      ),
    'assistant-settings-get': () => readAssistantSettings(ctx),
    'assistant-settings-set': (args: ValidArgs<'assistant-settings-set'>) =>
      saveAssistantSettings(ctx, args.patch),
    'assistant-sequence-set': async (args: ValidArgs<'assistant-sequence-set'>) => {
      const sequence = await ctx.db.sequences.findOne(args.sequenceId).exec();
      if (sequence === null)
        throw new PorchlightError('not_found', `Sequence ${args.sequenceId} was not found.`);
      const current = await readAssistantSettings(ctx);
      const others = current.sequenceIds.filter((id) => id !== args.sequenceId);
      return saveAssistantSettings(ctx, { sequenceIds: args.on ? [...others, args.sequenceId] : others });
    },
    'assistant-conversations': async (
      args: ValidArgs<'assistant-conversations'>,
    ): Promise<AssistantConversation[]> => {
      const states = (await listLeadStates(ctx))
        .filter((s) => s.mode !== 'off' && s.turns.length > 0)
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .slice(0, args.limit);
      const leads = await ctx.db.leads.findByIds(states.map((s) => s.leadId)).exec();
      return states.flatMap((state) => {
        const lead = leads.get(state.leadId);
        return lead === undefined || lead.deletedAt > 0 ? [] : [{ lead: lead.toMutableJSON(), state }];
      });
    },
  };
}

export type AssistantHandlers = ReturnType<typeof assistantHandlers>;
