// What can be done to the selected leads at once: tag or untag, set the stage, assign to an
// agent, enroll in a sequence, move to the bin (or restore from it). Every action hands back
// its undo, which the grid offers until the next action.
import { useState } from 'react';
import type { LeadStage } from '../../../src-shared/domain';
import { leadStages } from '../../../src-shared/domain';
import type { LeadBulkChange } from '../../../src-shared/ipc/lead-bulk';
import { useBridge } from '../../bridge/context';
import { messageOf, useContractQuery } from '../../bridge/query';
import { agentLabel, stageLabels } from './format';
import { TagDialog } from './BulkTagDialog';

export interface Done {
  said: string;
  undo: () => Promise<string>;
}

export interface BulkBarProps {
  ids: readonly string[];
  inBin: boolean;
  onDone: (done: Done) => void;
  onClear: () => void;
}

const plural = (n: number): string => `${n.toLocaleString()} lead${n === 1 ? '' : 's'}`;

export function BulkBar({ ids, inBin, onDone, onClear }: BulkBarProps) {
  const bridge = useBridge();
  const agents = useContractQuery('agents-list', {}).data ?? [];
  const sequences = (useContractQuery('sequences-list', {}).data ?? []).filter((s) => s.status === 'active');
  const [tagging, setTagging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const list = [...ids];

  const run = async (work: () => Promise<Done>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      onDone(await work());
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const change = (what: LeadBulkChange, said: (changed: number) => string) =>
    run(async () => {
      const result = await bridge.invoke('leads-bulk-update', { ids: list, change: what });
      const refused =
        result.refused.length > 0
          ? ` ${plural(result.refused.length)} not changed: ${result.refused[0]?.reason}.`
          : '';
      return {
        said: `${said(result.changed)}${refused}`,
        undo: async () => {
          if (result.before.length === 0) return 'Nothing to undo.';
          const { restored } = await bridge.invoke('leads-bulk-undo', { before: result.before });
          return `Undone: ${plural(restored)} put back as they were.`;
        },
      };
    });

  const remove = () =>
    run(async () => {
      const { deleted } = await bridge.invoke('leads-delete', { ids: list });
      return {
        said: `${plural(deleted)} moved to the bin.`,
        undo: async () =>
          `Undone: ${plural((await bridge.invoke('leads-restore', { ids: list })).restored)} back from the bin.`,
      };
    });
  const restore = () =>
    run(async () => {
      const { restored } = await bridge.invoke('leads-restore', { ids: list });
      return {
        said: `${plural(restored)} restored from the bin.`,
        undo: async () =>
          `Undone: ${plural((await bridge.invoke('leads-delete', { ids: list })).deleted)} back in the bin.`,
      };
    });
  const enroll = (sequenceId: string, name: string) =>
    run(async () => {
      const result = await bridge.invoke('enrollments-enroll', { sequenceId, leadIds: list });
      const skipped =
        result.skipped.length > 0
          ? ` ${plural(result.skipped.length)} not enrolled: ${result.skipped[0]?.reason}.`
          : '';
      return {
        said: `${plural(result.enrolled.length)} enrolled in ${name}.${skipped}`,
        undo: async () => {
          if (result.enrolled.length === 0) return 'Nothing to undo.';
          const { changed } = await bridge.invoke('enrollments-stop', { ids: result.enrolled });
          return `Undone: ${changed.toLocaleString()} enrollment(s) stopped; anything already sent stays sent.`;
        },
      };
    });

  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected leads">
      <strong>{plural(ids.length)} selected</strong>
      {inBin ? (
        <button type="button" className="primary" disabled={busy} onClick={() => void restore()}>
          Restore
        </button>
      ) : (
        <>
          <button type="button" disabled={busy} onClick={() => setTagging(true)}>
            Tag…
          </button>
          <select
            aria-label="Set the stage of the selected leads"
            value=""
            disabled={busy}
            onChange={(e) => {
              const stage = e.target.value as LeadStage;
              void change({ kind: 'stage', stage }, (n) => `${plural(n)} moved to ${stageLabels[stage]}.`);
            }}
          >
            <option value="">Set stage…</option>
            {leadStages.map((s) => (
              <option key={s} value={s}>
                {stageLabels[s]}
              </option>
            ))}
          </select>
          <select
            aria-label="Assign the selected leads"
            value=""
            disabled={busy}
            onChange={(e) => {
              const agent = agents.find((a) => a.id === e.target.value);
              if (agent !== undefined)
                void change(
                  { kind: 'assign', ownerId: agent.id },
                  (n) => `${plural(n)} assigned to ${agent.name}.`,
                );
            }}
          >
            <option value="">Assign to…</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {agentLabel(a)}
              </option>
            ))}
          </select>
          <select
            aria-label="Enroll the selected leads in a sequence"
            value=""
            disabled={busy || sequences.length === 0}
            onChange={(e) => {
              const sequence = sequences.find((s) => s.id === e.target.value);
              if (sequence !== undefined) void enroll(sequence.id, sequence.name);
            }}
          >
            <option value="">{sequences.length === 0 ? 'No active sequence' : 'Enroll in…'}</option>
            {sequences.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
            Move to bin
          </button>
        </>
      )}
      <button type="button" className="link" onClick={onClear}>
        Clear selection
      </button>
      {problem !== null ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {tagging ? (
        <TagDialog
          count={ids.length}
          onClose={() => setTagging(false)}
          onApply={(kind, tag) => {
            setTagging(false);
            void change(
              { kind, tag },
              (n) => `${kind === 'add-tag' ? 'Tagged' : 'Took the tag off'} ${plural(n)}: “${tag}”.`,
            );
          }}
        />
      ) : null}
    </div>
  );
}
