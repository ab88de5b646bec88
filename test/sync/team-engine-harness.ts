// A sync app with a team ready for the team engine's routes (webhooks, tracking, lead intake):
// the public URL set (with a path prefix, as behind a proxy), agents signed in, secrets set by
// the admin, a lead of an agent, and `seq()` to prove a refused request changed nothing.
import twilio from 'twilio';
import type { SessionResponse } from '../../src-shared/sync';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import type { ServerBackend } from './backends';
import { leadDoc } from './documents';
import { createTeam, jsonInit, TestClock, testApp, type TeamSessions } from './harness';

export const PUBLIC_URL = 'https://sync.lakeside.example/porchlight';
export const TWILIO_TOKEN = 'twilio-auth-token-of-the-team-0123';
export const LEAD_PHONE = '+13125550142';
export const LEAD_EMAIL = 'maria@example.com';

export interface TeamEngineFixture {
  storage: ServerStorage;
  clock: TestClock;
  test: ReturnType<typeof testApp>;
  team: TeamSessions;
  ann: SessionResponse;
  leadId: string;
  /** The team's change counter: unchanged = nothing was stored. */
  seq(): Promise<number>;
  setSecret(name: string, value: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function teamEngineFixture(backend: ServerBackend): Promise<TeamEngineFixture> {
  const { storage, dispose } = await backend.create();
  const clock = new TestClock();
  const test = testApp(storage, clock, { publicUrl: PUBLIC_URL });
  const team = await createTeam(test);
  const ann = await team.agent(`ann-${Math.random().toString(36).slice(2, 8)}@example.com`);
  const leadId = 'lead-maria';
  const lead = leadDoc(team.teamId, ann.agent.id, leadId, { phone: LEAD_PHONE, email: LEAD_EMAIL });
  const pushed = await test.app.request(
    '/sync/leads/push',
    jsonInit(team.admin, 'POST', { rows: [{ newDocumentState: lead }] }),
  );
  if (pushed.status !== 200) throw new Error(`lead push failed: ${pushed.status}`);
  const setSecret = async (name: string, value: string): Promise<void> => {
    const response = await test.app.request(`/admin/secrets/${name}`, jsonInit(team.admin, 'PUT', { value }));
    if (response.status !== 204)
      throw new Error(`secret ${name}: ${response.status} ${await response.text()}`);
  };
  return {
    storage,
    clock,
    test,
    team,
    ann,
    leadId,
    seq: () => storage.latestSeq(team.teamId),
    setSecret,
    dispose,
  };
}

/** A Twilio webhook post as Twilio signs it: over the public URL and every form parameter. */
export function twilioPost(
  url: string,
  params: Record<string, string | string[]>,
  token: string | null = TWILIO_TOKEN,
): RequestInit {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    for (const one of Array.isArray(value) ? value : [value]) form.append(key, one);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (token !== null) headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(token, url, params);
  return { method: 'POST', headers, body: form.toString() };
}
