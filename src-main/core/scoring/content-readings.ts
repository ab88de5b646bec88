// The AI readings of leads' messages a running core already paid for, beside the analyzer that
// made them. A reading is keyed by the lead's latest inbound message, so a new message asks again;
// rescoring without `analyse` reuses the last reading. Exists only where an analyzer does.
import type { Lead, Message } from '../../../src-shared/domain';
import type { AiReading } from '../../../src-shared/scoring';
import type { ContentAnalyzer } from '../ports/content-analyzer';

function inboundKey(messages: readonly Message[]): string | null {
  const inbound = messages.filter((m) => m.direction === 'inbound' && m.channel !== 'note');
  if (inbound.length === 0) return null;
  const latest = inbound.reduce((a, b) =>
    b.createdAt > a.createdAt || (b.createdAt === a.createdAt && b.id > a.id) ? b : a,
  );
  return `${latest.id}:${inbound.length}`;
}

export class ContentReadings {
  private readonly readings = new Map<string, { key: string; reading: AiReading }>();

  constructor(private readonly analyzer: ContentAnalyzer) {}

  /** The reading for a lead: the one kept, or asked for when `analyse` and the messages are new. */
  async readingFor(lead: Lead, messages: readonly Message[], analyse: boolean): Promise<AiReading | null> {
    const key = inboundKey(messages);
    const cached = this.readings.get(lead.id);
    if (key === null) return null;
    if (cached?.key === key || !analyse) return cached?.reading ?? null;
    const texts = messages
      .filter((m) => m.direction === 'inbound' && m.channel !== 'note')
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((m) => m.body);
    try {
      const reading = await this.analyzer.analyse({ leadId: lead.id, texts });
      this.readings.set(lead.id, { key, reading });
      return reading;
    } catch {
      // The AI is optional: without an answer the lead keeps its last reading or none.
      return cached?.reading ?? null;
    }
  }
}
