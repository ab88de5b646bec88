// An optional AI reading of a lead's messages (structured output: seriousness, intent, budget,
// timeline). Core works without it: scores and insights are then fully deterministic. The
// AI adapter that implements it validates the model's answer with `aiReadingSchema`.
import type { AiReading } from '../../../src-shared/scoring';

export interface ContentAnalysisRequest {
  leadId: string;
  /** The lead's own messages, oldest first. */
  texts: string[];
}

export interface ContentAnalyzer {
  /** Rejects when the AI is unreachable or answers badly; core then scores without it. */
  analyse(request: ContentAnalysisRequest): Promise<AiReading>;
}
