// A real SMTP server (smtp-server) on 127.0.0.1 for the email tests: it keeps every message
// parsed with mailparser together with its SMTP envelope, can refuse the next recipient
// permanently (550 5.1.1) or temporarily (451 4.3.0), and checks a login when given one.
import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpPeer {
  port: number;
  received: ReceivedMail[];
  refuseNext(kind: 'permanent' | 'temporary'): void;
  close(): Promise<void>;
}

export async function startSmtpPeer(login?: { user: string; pass: string }): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  let refusal: 'permanent' | 'temporary' | undefined;
  const server = new SMTPServer({
    disabledCommands: login === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: login === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      if (login !== undefined && auth.username === login.user && auth.password === login.pass)
        return callback(null, { user: auth.username });
      const error = Object.assign(new Error('5.7.8 Authentication credentials invalid'), {
        responseCode: 535,
      });
      return callback(error);
    },
    onRcptTo(_address, _session, callback) {
      const kind = refusal;
      refusal = undefined;
      if (kind === 'permanent')
        return callback(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
      if (kind === 'temporary')
        return callback(
          Object.assign(new Error('4.3.0 Mailbox busy, try again later'), { responseCode: 451 }),
        );
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            const from = session.envelope.mailFrom;
            received.push({
              envelopeFrom: from === false ? '' : from.address,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              parsed,
              raw,
            });
            callback(null, 'Ok: queued as PEER1');
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    refuseNext(kind) {
      refusal = kind;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const TEST_REPLY_KEY = Buffer.alloc(32, 7).toString('base64url');

/** A header's raw value (mailparser turns List-* headers into objects; the wire has "<url>"). */
export function headerLine(parsed: ParsedMail, name: string): string | undefined {
  const line = parsed.headerLines.find((h) => h.key === name)?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}
