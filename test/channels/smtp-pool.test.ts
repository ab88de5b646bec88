// The SMTP mailer keeps its connections between messages (decision 0803), against a real SMTP
// server that counts them: messages in a row share one, a changed password opens another, a
// connection the server dropped while idle costs the next message nothing (sent once, over a
// new one), a refused recipient leaves the connection usable, and a connection lost after the
// message's data started is `requestMayHaveLeft` and never sent again.
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src-main/adapters/email/smtp-mailer';
import { ChannelError } from '../../src-main/core/ports/channels';
import { FakeClock } from '../../src-main/core/testing/fake-clock';
import { emailSettingsSchema } from '../../src-shared/ipc/email';
import { TEST_REPLY_KEY } from './mail-peer';
import { outbound } from './mailer-contract';

interface Peer {
  port: number;
  connections: number;
  /** Recipients of each message the server took, in order. */
  taken: string[];
  /** DATA commands the server took, whether the message was then taken or not. */
  dataStarted: number;
  sockets: Set<Socket>;
  dropAfterDataStarts: boolean;
  close(): Promise<void>;
}

async function startPeer(): Promise<Peer> {
  const peer: Peer = {
    port: 0,
    connections: 0,
    taken: [],
    dataStarted: 0,
    sockets: new Set(),
    dropAfterDataStarts: false,
    close: () => Promise.resolve(),
  };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onConnect(_session, callback) {
      peer.connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.password === 'first' || auth.password === 'second')
        return callback(null, { user: auth.username });
      return callback(
        Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }),
      );
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@'))
        return callback(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
      return callback();
    },
    onData(stream, session, callback) {
      peer.dataStarted += 1;
      if (peer.dropAfterDataStarts) {
        // The line goes down while the message's data is arriving.
        stream.once('data', () => {
          for (const socket of peer.sockets) socket.destroy();
        });
        return;
      }
      stream.on('data', () => undefined);
      stream.on('end', () => {
        peer.taken.push(session.envelope.rcptTo.map((r) => r.address).join(','));
        callback(null, 'Ok: queued');
      });
    },
  });
  server.server.on('connection', (socket: Socket) => {
    peer.sockets.add(socket);
    socket.on('close', () => peer.sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.port = (server.server.address() as AddressInfo).port;
  peer.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of peer.sockets) socket.destroy();
      server.close(() => resolve());
    });
  return peer;
}

let peer: Peer | undefined;
let mailer: ReturnType<typeof createSmtpMailer> | undefined;

afterEach(async () => {
  mailer?.close();
  await peer?.close();
  peer = mailer = undefined;
});

async function setUp(): Promise<{ peer: Peer; password: { value: string } }> {
  peer = await startPeer();
  const settings = emailSettingsSchema.parse({
    smtp: { host: '127.0.0.1', port: peer.port, security: 'none', user: 'dana' },
    fromName: 'Dana Reyes',
    fromAddress: 'dana@example.com',
    replyAddress: 'replies@example.com',
  });
  const password = { value: 'first' };
  mailer = createSmtpMailer({
    settings: () => Promise.resolve({ settings, replyTokenKey: TEST_REPLY_KEY }),
    secrets: { get: () => Promise.resolve(password.value) },
    clock: new FakeClock('2026-03-02T15:00:00Z'),
  });
  return { peer, password };
}

const send = (to: string, id: string) =>
  (mailer ?? expect.fail('no mailer')).send(outbound({ messageId: id, to }), new AbortController().signal);

describe('SMTP connections kept between messages', () => {
  it('sends messages in a row over one connection, and opens another when the password changes', async () => {
    const { peer, password } = await setUp();
    for (let i = 0; i < 5; i++) await send(`lead${i}@example.com`, `msg-${i}`);
    expect(peer.taken).toHaveLength(5);
    expect(peer.connections).toBe(1);
    password.value = 'second';
    await send('lead5@example.com', 'msg-5');
    expect(peer.connections).toBe(2);
    expect(peer.taken).toHaveLength(6);
  });

  it('messages sent at once each get a connection; afterwards they are used again', async () => {
    const { peer } = await setUp();
    await Promise.all([0, 1, 2].map((i) => send(`lead${i}@example.com`, `msg-${i}`)));
    expect(peer.connections).toBe(3);
    await Promise.all([3, 4, 5].map((i) => send(`lead${i}@example.com`, `msg-${i}`)));
    expect(peer.connections).toBe(3);
    expect(peer.taken).toHaveLength(6);
  });

  it('a connection the server dropped while idle: the next message goes once, over a new one', async () => {
    const { peer } = await setUp();
    await send('lead0@example.com', 'msg-0');
    for (const socket of peer.sockets) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await send('lead1@example.com', 'msg-1');
    expect(peer.taken).toEqual(['lead0@example.com', 'lead1@example.com']);
    expect(peer.connections).toBe(2);
  });

  it('a refused recipient is invalid_address and leaves the connection usable for the next message', async () => {
    const { peer } = await setUp();
    await send('lead0@example.com', 'msg-0');
    const refused = await send('nobody@example.com', 'msg-1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ChannelError);
    expect((refused as ChannelError).code).toBe('invalid_address');
    expect((refused as ChannelError).requestMayHaveLeft).toBe(false);
    await send('lead2@example.com', 'msg-2');
    expect(peer.taken).toEqual(['lead0@example.com', 'lead2@example.com']);
    expect(peer.connections).toBe(1);
  });

  it('a connection lost after the data started may have delivered: it is not sent again', async () => {
    const { peer } = await setUp();
    await send('lead0@example.com', 'msg-0');
    peer.dropAfterDataStarts = true;
    const lost = await send('lead1@example.com', 'msg-1').catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(ChannelError);
    expect((lost as ChannelError).requestMayHaveLeft).toBe(true);
    expect(peer.dataStarted).toBe(2);
    expect(peer.connections).toBe(1);
  });

  it('a refused login is the server’s words, and the next message tries a new connection', async () => {
    const { peer, password } = await setUp();
    password.value = 'wrong';
    const refused = await send('lead0@example.com', 'msg-0').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ChannelError);
    expect((refused as ChannelError).message).toContain('Authentication credentials invalid');
    expect((refused as ChannelError).message).not.toContain('wrong');
    password.value = 'first';
    await send('lead1@example.com', 'msg-1');
    expect(peer.taken).toEqual(['lead1@example.com']);
    expect(peer.connections).toBe(2);
  });
});
