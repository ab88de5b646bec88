// The follow-up engine's features joined once, so contract.ts adds one entry for all of them.
import type { AnalyticsResults } from './analytics';
import { analyticsArgs } from './analytics';
import type { EnrollmentEvents, EnrollmentResults } from './enrollments';
import { enrollmentArgs } from './enrollments';
import type { MessageEvents, MessageResults } from './messages';
import { messageArgs } from './messages';
import type { SequenceEvents, SequenceResults } from './sequences';
import { sequenceArgs } from './sequences';
import type { TaskEvents, TaskResults } from './tasks';
import { taskArgs } from './tasks';
import type { TemplateEvents, TemplateResults } from './templates';
import { templateArgs } from './templates';

const features = [sequenceArgs, enrollmentArgs, templateArgs, taskArgs, messageArgs, analyticsArgs];
const seen = new Set<string>();
for (const feature of features) {
  for (const name of Object.keys(feature)) {
    if (seen.has(name)) throw new Error(`handler "${name}" is declared by two engine features`);
    seen.add(name);
  }
}

export const engineArgs = {
  ...sequenceArgs,
  ...enrollmentArgs,
  ...templateArgs,
  ...taskArgs,
  ...messageArgs,
  ...analyticsArgs,
};

export type EngineResults = SequenceResults &
  EnrollmentResults &
  TemplateResults &
  TaskResults &
  MessageResults &
  AnalyticsResults;

export type EngineEvents = SequenceEvents & EnrollmentEvents & TemplateEvents & TaskEvents & MessageEvents;
