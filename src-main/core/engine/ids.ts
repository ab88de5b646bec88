// Deterministic ids: two replicas that enroll the same lead or materialise the same step make
// the same document, so replication merges them instead of sending twice.
import { createHash } from 'node:crypto';

function digest(parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 40);
}

export function enrollmentIdOf(sequenceId: string, leadId: string, cycle: number): string {
  return `enr-${digest([sequenceId, leadId, cycle])}`;
}

export function stepMessageIdOf(enrollmentId: string, stepIndex: number, attempt: number): string {
  return `msg-${digest([enrollmentId, stepIndex, attempt])}`;
}
