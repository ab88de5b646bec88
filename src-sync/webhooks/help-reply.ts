// The answer to a lead's HELP or INFO (CTIA's Messaging Principles: the program's name, how to
// reach someone, how to stop). The server answers it itself in the webhook's TwiML, so a lead
// gets it while every laptop is shut: the brokerage (the team's name), the lead's agent and
// their email when the number is a lead's, STOP, and the rates line. The answer is kept on the
// lead's timeline as an outbound text, replicated to the agent like the HELP it answers.
import { messageSchema, type Lead, type Message } from '../../src-shared/domain';
import type { ServerStorage } from '../storage/server-storage';
import { insertDocuments } from '../team/team-docs';

export function helpText(brokerage: string, agent: { name: string; email: string } | null): string {
  const who = agent === null ? '' : ` Your agent: ${agent.name || agent.email}, ${agent.email}.`;
  return `${brokerage}: real estate follow-ups.${who} Reply STOP to stop all texts. Msg & data rates may apply.`;
}

/** The TwiML that has Twilio text `body` back to the sender. */
export function twimlReply(body: string): string {
  const escaped = body
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escaped}</Message></Response>`;
}

/** What the server answers a HELP with, recorded on the lead's timeline when it is a lead's. */
export async function answerHelp(
  storage: ServerStorage,
  teamId: string,
  inbound: { sid: string; channel: 'sms' | 'whatsapp'; from: string },
  lead: Lead | undefined,
  now: number,
): Promise<string> {
  const team = await storage.findTeam(teamId);
  const account = lead === undefined ? null : await storage.findAccount(lead.ownerId);
  const owner = account?.teamId === teamId ? account : null;
  const body = helpText(
    team?.name ?? 'Porchlight',
    owner === null ? null : { name: owner.name, email: owner.email },
  );
  if (lead === undefined) return body;
  const answer: Message = {
    id: `help-${inbound.sid}`.slice(0, 64),
    teamId,
    ownerId: lead.ownerId,
    updatedAt: now,
    leadId: lead.id,
    direction: 'outbound',
    channel: inbound.channel,
    status: 'sent',
    createdAt: now,
    body,
    to: inbound.from,
    attempt: 0,
    authoredBy: 'template',
    statusHistory: [{ status: 'sent', at: now, detail: 'answer to HELP, sent by the team server' }],
    demo: lead.demo,
  };
  await insertDocuments(storage, teamId, 'messages', messageSchema, [answer]);
  return body;
}
