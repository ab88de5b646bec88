// `npm run bench -- routing`: a CSV import of 1,000 leads a desktop handed to the team, routed
// by the server once it arrived (decision 0901), on SQLite in-process with four agents:
//   push       the desktop's two pushes of 500 leads (what any replicated import costs)
//   routed     the server's pass that routes them: round robin (each lead moved to its agent,
//              a note each, one to-do per agent) and first to claim (each offered, a note and
//              an offer each, one to-do per agent)
//   empty      a pass finding nothing new (what every later change of a lead costs)
// Baseline in the same run: the same 1,000 leads pushed kept by the agent (nothing to route).
import type { Lead } from '../../src-shared/domain';
import type { RoutingRulesInput } from '../../src-shared/routing';
import type { SessionResponse } from '../../src-shared/sync';
import { routeHandedLeads } from '../../src-sync/routing/handed-leads';
import { leadDoc } from '../sync/documents';
import { createTeam, jsonInit, sqliteStorage, tempDir, testApp, TestClock } from '../sync/harness';
import { figure, ms, printTable } from './stats';

const LEADS = Number(process.env.ROUTING_BENCH_LEADS ?? 1000);
const PUSH = 500;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function oneRun(mode: 'round_robin' | 'first_to_claim'): Promise<string[][]> {
  const dir = tempDir('porchlight-routing-bench-');
  const storage = await sqliteStorage(dir.path);
  const clock = new TestClock();
  const test = testApp(storage, clock);
  try {
    const team = await createTeam(test);
    const agents: SessionResponse[] = [];
    for (let i = 0; i < 4; i += 1) agents.push(await team.agent(`agent${i}-${mode}@example.com`));
    const ann = agents[0] as SessionResponse;
    const rules: RoutingRulesInput = { mode, escalation: { afterMinutes: 30, to: 'next_agent' } };
    await test.app.request('/admin/routing', jsonInit(team.admin, 'PUT', rules));
    const made = (prefix: string, ownerId: string): Lead[] =>
      Array.from({ length: LEADS }, (_, i) =>
        leadDoc(team.teamId, ownerId, `${prefix}-${i}`, {
          email: `${prefix}-${i}@example.com`,
          phone: undefined,
          importId: `import-${prefix}`,
          source: 'import',
        }),
      );
    const push = async (leads: Lead[]): Promise<void> => {
      for (let at = 0; at < leads.length; at += PUSH) {
        const rows = leads.slice(at, at + PUSH).map((lead) => ({ newDocumentState: lead }));
        const response = await test.app.request('/sync/leads/push', jsonInit(ann, 'POST', { rows }));
        if (response.status !== 200) throw new Error(`push: ${response.status}`);
      }
    };
    const route = () => routeHandedLeads(storage, team.teamId, clock.now());
    const keptPush = await timed(() => push(made('kept', ann.agent.id)));
    const keptPass = await timed(route);
    const handedPush = await timed(() => push(made('handed', 'team-pool')));
    let routed = 0;
    const pass = await timed(async () => (routed = await route()));
    const empty = await timed(route);
    if (routed !== LEADS) throw new Error(`routed ${routed} of ${LEADS}`);
    const word = mode === 'round_robin' ? 'round robin' : 'first to claim';
    figure(`${mode} routed`, pass, 'ms');
    figure(`${mode} per lead`, pass / LEADS, 'ms');
    figure(`${mode} empty pass`, empty, 'ms');
    figure(`${mode} push handed`, handedPush, 'ms');
    figure(`${mode} push kept (baseline)`, keptPush, 'ms');
    return [
      [word, `${LEADS} handed`, ms(handedPush), ms(pass), ms(pass / LEADS), ms(empty)],
      [word, `${LEADS} kept (baseline)`, ms(keptPush), ms(keptPass), '—', '—'],
    ];
  } finally {
    await storage.close();
    dir.remove();
  }
}

export async function runRoutingBench(): Promise<void> {
  const rows = [['rules', 'leads', 'push', 'routing pass', 'per lead', 'empty pass']];
  for (const mode of ['round_robin', 'first_to_claim'] as const) rows.push(...(await oneRun(mode)));
  printTable(`A CSV import of ${LEADS} leads handed to the team, routed by the server (SQLite)`, rows);
}
