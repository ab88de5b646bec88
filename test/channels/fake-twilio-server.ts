// A local HTTP server speaking the part of Twilio's Messages API Porchlight uses, for the
// real twilio SDK to talk to (pointed here with RedirectingRequestClient, docs/channels.md):
//   POST /2010-04-01/Accounts/:sid/Messages.json   create (To, From | MessagingServiceSid,
//        Body | ContentSid, MediaUrl (repeated), StatusCallback); 201 with the message, or Twilio's JSON error
//        { code, message, more_info, status } (21211, 21604, 21610, 21614, 20003, 503, ...)
//   GET  /2010-04-01/Accounts/:sid/Messages.json   list, newest first, filtered by To, From,
//        DateSent / DateSent> / DateSent< (a date or a date-time), paged with PageSize and
//        Page/PageToken and next_page_uri, as Twilio pages
//   GET  /2010-04-01/Accounts/:sid/Messages/:id.json fetch one
// `settle()` moves queued messages through sending -> sent -> delivered (or undelivered /
// failed with an ErrorCode) and posts each status to the StatusCallback, signed with
// X-Twilio-Signature; `receive()` posts an inbound message to the inbound webhook. Time comes
// from the test's clock; nothing here sleeps.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import twilio from 'twilio';

export interface FakeMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  status: string;
  direction: 'inbound' | 'outbound-api';
  dateCreated: number;
  dateSent: number | null;
  errorCode: number | null;
  errorMessage: string | null;
  statusCallback?: string;
  contentSid?: string;
  /** MediaUrl, in the order given (Twilio fetches and sends each). */
  mediaUrls?: string[];
  /** Where this message ends when settled. */
  fate: { status: 'delivered' | 'undelivered' | 'failed'; code?: number };
}

export interface FakeTwilio {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  messages: FakeMessage[];
  optOut(number: string): void;
  landline(number: string): void;
  /** Accepted, then undelivered with this 3000x code when settled. */
  unreachable(number: string, code: number): void;
  /** The next create is answered with this HTTP status (503: refused; 500: it may exist). */
  failNext(status: 500 | 503 | 429): void;
  /** Where inbound messages are posted (our webhook). */
  inboundUrl?: string;
  /** Posts statuses for every message not yet final; `reverse` posts them newest first. */
  settle(options?: { reverse?: boolean }): Promise<void>;
  receive(from: string, to: string, body: string): Promise<FakeMessage>;
  close(): Promise<void>;
}

const API = '/2010-04-01/Accounts/:account';

export async function startFakeTwilio(now: () => number): Promise<FakeTwilio> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const optedOut = new Set<string>();
  const landlines = new Set<string>();
  const unreachable = new Map<string, number>();
  const failures: number[] = [];
  const messages: FakeMessage[] = [];
  const app = new Hono();

  const error = (status: number, code: number, message: string): Response =>
    Response.json(
      { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
      { status },
    );

  // The account itself (the adapter asks for it when it connects, to check the keys).
  app.get('/2010-04-01/Accounts/:file{AC[0-9a-f]+\\.json}', (c) => {
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (c.req.header('authorization') !== expected || c.req.param('file') !== `${accountSid}.json`)
      return error(401, 20003, 'Authenticate');
    return c.json({ sid: accountSid, friendly_name: 'Porchlight test', status: 'active', type: 'Full' });
  });

  app.use(`${API}/*`, async (c, next) => {
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (c.req.header('authorization') !== expected || c.req.param('account') !== accountSid)
      return error(401, 20003, 'Authenticate');
    await next();
  });

  app.post(`${API}/Messages.json`, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const failure = failures.shift();
    if (failure !== undefined)
      return error(failure, failure === 429 ? 20429 : 20500, `Service failure ${failure}`);
    const to = form.get('To');
    const from = form.get('From') ?? (form.get('MessagingServiceSid') === null ? null : '+15550100999');
    if (to === null) return error(400, 21604, "A 'To' phone number is required.");
    if (from === null) return error(400, 21603, "A 'From' phone number is required.");
    const number = to.replace(/^whatsapp:/, '');
    if (!/^\+[1-9]\d{6,14}$/.test(number))
      return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (landlines.has(number)) return error(400, 21614, `'To' number ${to} is not a valid mobile number`);
    if (optedOut.has(number)) return error(400, 21610, 'Attempt to send to unsubscribed recipient');
    const body = form.get('Body');
    const contentSid = form.get('ContentSid');
    if (body === null && contentSid === null) return error(400, 21602, 'Message body is required.');
    const outsideWindow =
      to.startsWith('whatsapp:') &&
      contentSid === null &&
      !messages.some(
        (m) => m.direction === 'inbound' && m.from === to && (m.dateSent ?? 0) >= now() - 86_400_000,
      );
    const code = unreachable.get(number);
    const message: FakeMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from: to.startsWith('whatsapp:') && !from.startsWith('whatsapp:') ? `whatsapp:${from}` : from,
      body: body ?? `Template ${contentSid ?? ''}`,
      status: 'queued',
      direction: 'outbound-api',
      dateCreated: now(),
      dateSent: null,
      errorCode: null,
      errorMessage: null,
      ...(form.get('StatusCallback') === null ? {} : { statusCallback: form.get('StatusCallback') ?? '' }),
      ...(contentSid === null ? {} : { contentSid }),
      ...(form.getAll('MediaUrl').length === 0 ? {} : { mediaUrls: form.getAll('MediaUrl') }),
      // Twilio reports a closed WhatsApp window after accepting the message: failed, 63016.
      fate: outsideWindow
        ? { status: 'failed', code: 63016 }
        : code === undefined
          ? { status: 'delivered' }
          : { status: 'undelivered', code },
    };
    messages.push(message);
    return c.json(resource(message), 201);
  });

  app.get(`${API}/Messages.json`, (c) => {
    const q = new URL(c.req.url).searchParams;
    const pageSize = Math.min(Number(q.get('PageSize') ?? 50), 1000);
    const page = Number(q.get('Page') ?? 0);
    const filtered = messages
      .filter(
        (m) =>
          (q.get('To') === null || m.to === q.get('To')) &&
          (q.get('From') === null || m.from === q.get('From')),
      )
      .filter((m) => dateMatches(m.dateSent, q))
      .sort((a, b) => b.dateCreated - a.dateCreated || (b.sid < a.sid ? -1 : 1));
    const slice = filtered.slice(page * pageSize, (page + 1) * pageSize);
    const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    const next = new URLSearchParams(q);
    next.set('Page', String(page + 1));
    next.set('PageSize', String(pageSize));
    next.set('PageToken', `PA${slice.at(-1)?.sid ?? ''}`);
    return c.json({
      messages: slice.map(resource),
      page,
      page_size: pageSize,
      start: page * pageSize,
      end: page * pageSize + slice.length - 1,
      uri: `${path}?${q.toString()}`,
      first_page_uri: `${path}?PageSize=${pageSize}&Page=0`,
      previous_page_uri: page === 0 ? null : `${path}?PageSize=${pageSize}&Page=${page - 1}`,
      next_page_uri: (page + 1) * pageSize < filtered.length ? `${path}?${next.toString()}` : null,
    });
  });

  app.get(`${API}/Messages/:id{[A-Za-z0-9]+\\.json}`, (c) => {
    const sid = c.req.param('id').replace(/\.json$/, '');
    const message = messages.find((m) => m.sid === sid);
    return message === undefined
      ? error(404, 20404, `The requested resource ${c.req.path} was not found`)
      : c.json(resource(message));
  });

  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  async function post(url: string, params: Record<string, string>): Promise<void> {
    const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    await response.arrayBuffer();
  }

  const fake: FakeTwilio = {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    optOut: (n) => optedOut.add(n),
    landline: (n) => landlines.add(n),
    unreachable: (n, code) => unreachable.set(n, code),
    failNext: (status) => failures.push(status),
    async settle(options = {}) {
      for (const m of messages.filter((x) => x.direction === 'outbound-api' && x.status === 'queued')) {
        const steps: { status: string; code?: number }[] =
          m.fate.status === 'failed'
            ? [{ status: 'failed', code: m.fate.code ?? 30008 }]
            : [{ status: 'sending' }, { status: 'sent' }, m.fate];
        m.dateSent = now();
        const last = steps.at(-1) ?? { status: 'sent' };
        m.status = last.status;
        if (last.code !== undefined) {
          m.errorCode = last.code;
          m.errorMessage = `Error ${last.code}`;
        }
        if (m.statusCallback === undefined) continue;
        for (const step of options.reverse === true ? [...steps].reverse() : steps) {
          await post(m.statusCallback, {
            AccountSid: accountSid,
            MessageSid: m.sid,
            SmsSid: m.sid,
            MessageStatus: step.status,
            SmsStatus: step.status,
            To: m.to,
            From: m.from,
            ...(step.code === undefined ? {} : { ErrorCode: String(step.code) }),
          });
        }
      }
    },
    async receive(from, to, body) {
      const message: FakeMessage = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        to,
        from,
        body,
        status: 'received',
        direction: 'inbound',
        dateCreated: now(),
        dateSent: now(),
        errorCode: null,
        errorMessage: null,
        fate: { status: 'delivered' },
      };
      messages.push(message);
      if (fake.inboundUrl !== undefined)
        await post(fake.inboundUrl, {
          AccountSid: accountSid,
          MessageSid: message.sid,
          SmsSid: message.sid,
          From: from,
          To: to,
          Body: body,
          NumMedia: '0',
        });
      return message;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}

function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

function resource(m: FakeMessage): Record<string, unknown> {
  return {
    sid: m.sid,
    account_sid: 'AC',
    to: m.to,
    from: m.from,
    body: m.body,
    status: m.status,
    direction: m.direction,
    date_created: rfc2822(m.dateCreated),
    date_updated: rfc2822(m.dateCreated),
    date_sent: m.dateSent === null ? null : rfc2822(m.dateSent),
    error_code: m.errorCode,
    error_message: m.errorMessage,
    num_segments: '1',
    num_media: String(m.mediaUrls?.length ?? 0),
    price: null,
    price_unit: 'USD',
    api_version: '2010-04-01',
    messaging_service_sid: null,
    uri: `/2010-04-01/Accounts/AC/Messages/${m.sid}.json`,
    subresource_uris: {},
  };
}

/** DateSent filters: a GMT date (the whole day) or a date-time, with > / < meaning on-or-after / on-or-before. */
function dateMatches(sent: number | null, q: URLSearchParams): boolean {
  const bound = (value: string | null, end: boolean): number | undefined => {
    if (value === null) return undefined;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const ms = Date.parse(day ? `${value}T00:00:00Z` : value);
    return day && end ? ms + 86_399_999 : ms;
  };
  const after = bound(q.get('DateSent>'), false);
  const before = bound(q.get('DateSent<'), true);
  const on = q.get('DateSent');
  if (after === undefined && before === undefined && on === null) return true;
  if (sent === null) return false;
  if (after !== undefined && sent < after) return false;
  if (before !== undefined && sent > before) return false;
  if (on !== null) {
    const start = bound(on, false) ?? 0;
    if (sent < start || sent > start + 86_399_999) return false;
  }
  return true;
}
