// The Mailer port's contract (ids ML1..ML8), run against the recording fake the engine tests
// use and against the SMTP adapter with a real SMTP server on 127.0.0.1, so the fake cannot
// drift from what the engine meets in production.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mailer, OutboundMessage } from '../../src-main/core/ports/channels';
import { ChannelError } from '../../src-main/core/ports/channels';

/** What arrived at the recipient, as far as this port's promises go. */
export interface DeliveredEmail {
  to: string;
  subject: string;
  text: string;
  listUnsubscribe?: string;
}

export interface MailerUnderTest {
  mailer: Mailer;
  /** Every message that reached the recipient for `to`, oldest first. */
  deliveredTo(to: string): Promise<DeliveredEmail[]>;
  /** The next send to `to` is refused: 'permanent' (unknown mailbox) or 'temporary' (try later). */
  refuseNext(kind: 'permanent' | 'temporary'): void;
  close(): Promise<void>;
}

export function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: 'msg-contract-1',
    leadId: '0b6f6c2e-4f7a-4c55-9d0e-6c1f2a3b4c5d',
    channel: 'email',
    to: 'lee@example.com',
    subject: 'Homes near Zilker',
    body: 'Hi Lee,\n\nThree new listings match your search.\n\n--\nDana\n100 Congress Ave\nUnsubscribe: https://sync.example.com/u/msg-contract-1',
    unsubscribeUrl: 'https://sync.example.com/u/msg-contract-1',
    ...overrides,
  };
}

const live = (): AbortSignal => new AbortController().signal;

export function registerMailerContract(name: string, factory: () => Promise<MailerUnderTest>): void {
  describe(`Mailer contract: ${name}`, () => {
    let subject: MailerUnderTest;
    beforeEach(async () => {
      subject = await factory();
    });
    afterEach(async () => {
      await subject.close();
    });

    it('ML1 an accepted message reaches the recipient once, with its subject and text, and a providerId', async () => {
      const receipt = await subject.mailer.send(outbound(), live());
      expect(receipt.providerId).not.toBe('');
      const got = await subject.deliveredTo('lee@example.com');
      expect(got).toHaveLength(1);
      expect(got[0]?.subject).toBe('Homes near Zilker');
      expect(got[0]?.text).toContain('Three new listings match your search.');
    });

    it('ML2 every send gets its own providerId', async () => {
      const a = await subject.mailer.send(outbound(), live());
      const b = await subject.mailer.send(outbound({ messageId: 'msg-contract-2' }), live());
      expect(a.providerId).not.toBe(b.providerId);
    });

    it('ML3 the unsubscribe target travels with the message', async () => {
      await subject.mailer.send(outbound(), live());
      const [got] = await subject.deliveredTo('lee@example.com');
      expect(got?.listUnsubscribe).toBe('https://sync.example.com/u/msg-contract-1');
    });

    it('ML4 the port says what it is: channel email', () => {
      expect(subject.mailer.channel).toBe('email');
      expect(typeof subject.mailer.reachesLeads).toBe('boolean');
    });

    it('ML5 a cancelled send never starts: transient, and the request did not leave', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await subject.mailer.send(outbound(), controller.signal).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChannelError);
      expect(error).toMatchObject({ transient: true, requestMayHaveLeft: false });
      expect(await subject.deliveredTo('lee@example.com')).toHaveLength(0);
    });

    it('ML6 a permanent refusal is a ChannelError that is not retried and did not leave', async () => {
      subject.refuseNext('permanent');
      const error = await subject.mailer.send(outbound(), live()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChannelError);
      expect(error).toMatchObject({ code: 'invalid_address', transient: false, requestMayHaveLeft: false });
      expect(await subject.deliveredTo('lee@example.com')).toHaveLength(0);
    });

    it('ML7 a temporary refusal is transient and did not leave; the next send goes through', async () => {
      subject.refuseNext('temporary');
      const error = await subject.mailer.send(outbound(), live()).catch((e: unknown) => e);
      expect(error).toMatchObject({ transient: true, requestMayHaveLeft: false });
      await subject.mailer.send(outbound(), live());
      expect(await subject.deliveredTo('lee@example.com')).toHaveLength(1);
    });

    it('ML8 lookup, where a mailer has one, finds what it accepted and nothing else', async () => {
      const receipt = await subject.mailer.send(outbound(), live());
      if (subject.mailer.lookup === undefined) return;
      expect(await subject.mailer.lookup('msg-contract-1')).toEqual({
        found: true,
        providerId: receipt.providerId,
        status: 'sent',
      });
      expect(await subject.mailer.lookup('msg-never-sent')).toEqual({ found: false });
    });
  });
}
