// The enrollments feature's contract: a lead running a sequence version.
import { z } from 'zod';
import type { Enrollment } from '../domain';
import { idSchema } from '../domain';

const ids = z.array(idSchema).min(1).max(10_000);

export const enrollmentArgs = {
  /** Manual and bulk enroll. */
  'enrollments-enroll': z.object({ sequenceId: idSchema, leadIds: ids }),
  'enrollments-for-lead': z.object({ leadId: idSchema }),
  'enrollments-list': z.object({
    sequenceId: idSchema,
    status: z.enum(['active', 'paused', 'completed', 'stopped']).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  'enrollments-pause': z.object({ ids }),
  /** The next step runs its delay after the resume; missed steps are not sent in a burst. */
  'enrollments-resume': z.object({ ids }),
  /** Every running enrollment, or every one of a sequence. */
  'enrollments-pause-all': z.object({ sequenceId: idSchema.optional() }).default({}),
  'enrollments-resume-all': z.object({ sequenceId: idSchema.optional() }).default({}),
  'enrollments-stop': z.object({ ids }),
  /** Moves running enrollments to the sequence's current version. */
  'enrollments-migrate': z.object({ sequenceId: idSchema, ids: ids.optional() }),
};

export interface EnrollSkip {
  leadId: string;
  reason: string;
}

export interface EnrollmentResults {
  'enrollments-enroll': { enrolled: string[]; skipped: EnrollSkip[] };
  'enrollments-for-lead': Enrollment[];
  'enrollments-list': { rows: Enrollment[]; total: number };
  'enrollments-pause': { changed: number };
  'enrollments-resume': { changed: number };
  'enrollments-pause-all': { changed: number };
  'enrollments-resume-all': { changed: number };
  'enrollments-stop': { changed: number };
  'enrollments-migrate': { migrated: number };
}

export interface EnrollmentEvents {
  'enrollments-changed': { leadIds: string[] };
}
