// `npm run bench -- claims`: the exactly-once proof at its full size (test/system/claims-proof.ts):
// 2,000 messages due across three always-on engines and the sync server, one engine killed with
// SIGKILL mid-dispatch and restarted. Prints the counts; the system test runs 200 of them.
import { runClaimsProof } from '../system/claims-proof';

export async function runClaimsBench(): Promise<void> {
  const counts = await runClaimsProof({ messages: 2000, log: (line) => console.log(`  ${line}`) });
  console.log(
    [
      `  messages            ${counts.messages}`,
      `  exactly once        ${counts.exactlyOnce}`,
      `  uncertain           ${counts.uncertain} (of them reached the peer: ${counts.uncertainDelivered})`,
      `  duplicates          ${counts.duplicates}`,
      `  lost                ${counts.lost}`,
      `  sent before the kill ${counts.atKill}`,
      `  wall time           ${counts.seconds} s`,
    ].join('\n'),
  );
  if (counts.duplicates > 0 || counts.lost > 0) process.exitCode = 1;
}
