// When the assistant asks again: one clock timer on the earliest nudge of the leads it talks
// to. The plan holds each lead state's nudge time in memory, read from the store once at start;
// after that every write of a lead's state (the settings change stream, whoever wrote: a turn,
// a handler, replication) updates its one entry, so planning costs no store read per write.
// A nudge that fired is moved an hour on before its turn runs: a turn that writes a new state
// replaces it, and one that could not speak (no profile yet) is tried again, never in a loop.
import type { AssistantLeadState } from '../../../src-shared/assistant';
import type { Clock, TimerHandle } from '../ports/clock';

const RETRY_MS = 3_600_000;

export class NudgePlan {
  /** Settings document id -> the lead and its nudge time. */
  private readonly due = new Map<string, { leadId: string; at: number }>();
  /** Documents written since start: the start-up read does not overwrite them. */
  private readonly written = new Set<string>();
  private timer: TimerHandle | null = null;
  private armedAt: number | null = null;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (leadIds: string[]) => Promise<void>,
  ) {}

  /** The states read at start (each applied unless a newer write already arrived). */
  load(states: readonly { docId: string; state: AssistantLeadState }[]): void {
    for (const { docId, state } of states) if (!this.written.has(docId)) this.set(docId, state);
    this.arm();
  }

  /** One lead state written (null: deleted or unreadable). */
  update(docId: string, state: AssistantLeadState | null): void {
    this.written.add(docId);
    this.set(docId, state);
    this.arm();
  }

  /** The earliest planned nudge, or null. */
  next(): number | null {
    return this.armedAt;
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private set(docId: string, state: AssistantLeadState | null): void {
    if (state !== null && state.mode === 'on' && state.nudgeAt !== null)
      this.due.set(docId, { leadId: state.leadId, at: state.nudgeAt });
    else this.due.delete(docId);
  }

  private arm(): void {
    if (this.stopped) return;
    let earliest: number | null = null;
    for (const { at } of this.due.values()) if (earliest === null || at < earliest) earliest = at;
    if (earliest === this.armedAt) return;
    this.timer?.cancel();
    this.armedAt = earliest;
    this.timer = earliest === null ? null : this.clock.setTimer(earliest, () => this.fire());
  }

  private fire(): void {
    this.timer = null;
    this.armedAt = null;
    const now = this.clock.now();
    const leadIds: string[] = [];
    for (const [docId, entry] of this.due)
      if (entry.at <= now) {
        leadIds.push(entry.leadId);
        this.due.set(docId, { ...entry, at: now + RETRY_MS });
      }
    this.arm();
    void this.onDue(leadIds).catch(() => undefined);
  }
}
