// The engine's features' handlers joined once, so core/app.ts registers them with one entry.
import { analyticsHandlers } from '../analytics/handlers';
import type { CoreContext } from '../context';
import { enrollmentHandlers } from '../enrollments/handlers';
import { messageHandlers } from '../messages/handlers';
import { sequenceHandlers } from '../sequences/handlers';
import { taskHandlers } from '../tasks/handlers';
import { templateHandlers } from '../templates/handlers';

export function engineFeatureHandlers(ctx: CoreContext) {
  return {
    ...sequenceHandlers(ctx),
    ...enrollmentHandlers(ctx),
    ...templateHandlers(ctx),
    ...taskHandlers(ctx),
    ...messageHandlers(ctx),
    ...analyticsHandlers(ctx),
  };
}
