// "Take this lead": a lead the team's rules offered (first to claim) waits in the team pool
// until one agent takes it. The button asks the team server (team-lead-take); the outcome is
// shown beside it: the lead is yours, or someone else took it first, or why it could not be
// taken (not offered to you, the server out of reach). The outcome stays after the lead left
// the pool (its new owner arrives by replication), so the caller keeps the request's state.
// Shown on the lead's page (OwnerField) and beside the offer's to-do in Today.
import { PorchlightError } from '../../../src-shared/ipc/errors';
import { messageOf, useContractMutation } from '../../bridge/query';

/** A to-do the team server wrote to offer a lead (src-sync/routing/record.ts offerTaskId). */
export const isOfferTask = (task: { id: string; leadId?: string | undefined; status: string }): boolean =>
  task.id.startsWith('route-task-') && task.leadId !== undefined && task.status === 'open';

export type TakeRequest = ReturnType<typeof useContractMutation<'team-lead-take'>>;

const takenFirst = (take: TakeRequest): boolean =>
  take.error instanceof PorchlightError && take.error.code === 'conflict';

function outcomeOf(take: TakeRequest): string {
  if (take.isSuccess) return 'You own this lead now.';
  if (!take.isError) return '';
  return takenFirst(take) ? 'Someone else took it first.' : messageOf(take.error);
}

/** The button (while the lead is in the pool) and the outcome of the take, beside it. */
export function TakeLeadButton({
  leadId,
  inPool,
  take,
}: {
  leadId: string;
  inPool: boolean;
  take: TakeRequest;
}) {
  const outcome = outcomeOf(take);
  return (
    <span className="take-lead">
      {/* Taken by someone else: the lead is leaving the pool, there is nothing left to take. */}
      {inPool && !takenFirst(take) ? (
        <button
          type="button"
          className="primary"
          disabled={take.isPending || take.isSuccess}
          onClick={(event) => {
            event.stopPropagation();
            take.mutate({ leadId });
          }}
        >
          {take.isPending ? 'Taking…' : 'Take this lead'}
        </button>
      ) : null}{' '}
      <span role="status" className={take.isError ? 'field-error' : 'muted'}>
        {outcome}
      </span>
    </span>
  );
}

/** For a list item (Today's offer to-do): the button with its own request. */
export function TakeLead({ leadId }: { leadId: string }) {
  const take = useContractMutation('team-lead-take');
  return <TakeLeadButton leadId={leadId} inPool take={take} />;
}
