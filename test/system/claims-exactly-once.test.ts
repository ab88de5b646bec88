// Exactly once across replicas, as processes: the sync server, three always-on engines and the
// Twilio-compatible and SMTP peers; one engine is killed with SIGKILL mid-dispatch and started
// again. Every message reaches its peer once or is uncertain; none twice; none lost. The suite
// runs 200 messages; `npm run bench -- claims` runs the 2,000 of the proof (test/system/claims-proof.ts).
import { describe, expect, it } from 'vitest';
import { runClaimsProof } from './claims-proof';

describe('claims across replicas', () => {
  it(
    'delivers each message once or leaves it uncertain while a replica is killed mid-dispatch',
    { timeout: 480_000 },
    async () => {
      const counts = await runClaimsProof({
        messages: 200,
        log: (line) => console.log(`claims proof: ${line}`),
      });
      console.log(`claims proof counts: ${JSON.stringify(counts)}`);
      expect(counts.duplicates).toBe(0);
      expect(counts.lost).toBe(0);
      expect(counts.exactlyOnce + counts.uncertain).toBe(200);
      expect(counts.uncertainDelivered).toBeLessThanOrEqual(counts.uncertain);
      // The kill came in the middle: some were sent before it, and the rest after the restart.
      expect(counts.atKill).toBeGreaterThan(0);
      expect(counts.atKill).toBeLessThan(200);
    },
  );
});
