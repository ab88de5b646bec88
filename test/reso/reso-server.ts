// A local RESO Web API server for tests, built from the public RESO Web API Core 2.0.0 and Data
// Dictionary 2.0 documents: `GET /odata/Property` with $filter, $select, $orderby, $top, $skip
// and $expand=Media, answering `{ "@odata.context", value, "@odata.nextLink"? }`; OAuth2 client
// credentials at `POST /oauth/token`; a 401 OData error for a bad token; 429 with Retry-After
// when told to. Tests change its records between pages (`onPage`) to withdraw a listing mid-run.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFilter } from './odata-filter';

export interface ResoRecord {
  ListingKey: string;
  [field: string]: unknown;
}

export interface ResoServerOptions {
  records: ResoRecord[];
  /** Valid bearer tokens (a client-credentials grant adds one). */
  tokens?: string[];
  client?: { id: string; secret: string };
  /** Give @odata.nextLink (true) or leave paging to the client's $skip (false). */
  nextLinks?: boolean;
  /** The most records a page holds, whatever $top asks. */
  maxPageSize?: number;
}

export class ResoTestServer {
  readonly records: ResoRecord[];
  readonly requests: string[] = [];
  /** Answer the next N Property requests with 429 and this Retry-After. */
  throttle: { times: number; retryAfter: string } = { times: 0, retryAfter: '1' };
  /** Called after each page is sent, with how many pages have gone out. */
  onPage: (pages: number) => void = () => undefined;
  private pages = 0;
  private readonly tokens: Set<string>;
  private server: Server | undefined;
  private issued = 0;

  constructor(private readonly options: ResoServerOptions) {
    this.records = options.records;
    this.tokens = new Set(options.tokens ?? []);
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (address === undefined || address === null) throw new Error('the RESO test server is not listening');
    return `http://127.0.0.1:${String(address.port)}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server === undefined ? resolve() : this.server.close(() => resolve()),
    );
  }

  revokeTokens(): void {
    this.tokens.clear();
  }

  allowToken(token: string): void {
    this.tokens.add(token);
  }

  /** While set, Property requests wait for it (an MLS answering slowly). */
  hold: Promise<void> | undefined;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push(`${req.method ?? 'GET'} ${url.pathname}${url.search}`);
    if (req.method === 'POST' && url.pathname === '/oauth/token') return this.token(req, res);
    if (url.pathname !== '/odata/Property')
      return json(res, 404, { error: { code: '404', message: 'Not found' } });
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !this.tokens.has(auth.slice(7)))
      return json(res, 401, { error: { code: '401', message: 'Invalid or expired access token' } });
    if (this.hold !== undefined) await this.hold;
    if (this.throttle.times > 0) {
      this.throttle.times -= 1;
      res.setHeader('retry-after', this.throttle.retryAfter);
      return json(res, 429, { error: { code: '429', message: 'Too many requests' } });
    }
    let rows: ResoRecord[];
    try {
      rows = this.query(url.searchParams);
    } catch (error) {
      return json(res, 400, { error: { code: '400', message: (error as Error).message } });
    }
    const top = Math.min(Number(url.searchParams.get('$top') ?? '100'), this.options.maxPageSize ?? 100);
    const skip = Number(url.searchParams.get('$skip') ?? '0');
    const page = rows.slice(skip, skip + top);
    const body: Record<string, unknown> = {
      '@odata.context': `${this.url}/odata/$metadata#Property`,
      value: page.map((r) => this.shape(r, url.searchParams)),
    };
    if (this.options.nextLinks !== false && skip + top < rows.length) {
      const next = new URLSearchParams(url.searchParams);
      next.set('$skip', String(skip + top));
      body['@odata.nextLink'] = `${this.url}/odata/Property?${next.toString()}`;
    }
    json(res, 200, body);
    this.pages += 1;
    this.onPage(this.pages);
  }

  private query(params: URLSearchParams): ResoRecord[] {
    const filter = params.get('$filter');
    let rows = filter === null ? [...this.records] : this.records.filter(parseFilter(filter));
    const orderBy = params.get('$orderby');
    if (orderBy !== null) {
      const keys = orderBy.split(',').map((part) => part.trim().split(/\s+/) as [string, string?]);
      rows = rows.sort((a, b) => {
        for (const [field, direction] of keys) {
          const x = a[field] as string | number;
          const y = b[field] as string | number;
          if (x !== y) return (x < y ? -1 : 1) * (direction === 'desc' ? -1 : 1);
        }
        return 0;
      });
    }
    return rows;
  }

  private shape(record: ResoRecord, params: URLSearchParams): Record<string, unknown> {
    const select = params
      .get('$select')
      ?.split(',')
      .map((s) => s.trim());
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) {
      if (field === 'Media') continue;
      if (select === undefined || select.includes(field)) out[field] = value;
    }
    if (params.get('$expand')?.split(',').includes('Media')) out.Media = record.Media ?? [];
    return out;
  }

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const form = new URLSearchParams(raw);
    const client = this.options.client;
    if (
      form.get('grant_type') !== 'client_credentials' ||
      client === undefined ||
      form.get('client_id') !== client.id ||
      form.get('client_secret') !== client.secret
    )
      return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    this.issued += 1;
    const token = `issued-${String(this.issued)}`;
    this.tokens.add(token);
    json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A RESO Property record as a Data Dictionary 2.0 server sends it, with Media. */
export function resoRecord(n: number, fields: Partial<ResoRecord> = {}): ResoRecord {
  const key = `MLS${String(1000 + n)}`;
  return {
    ListingKey: key,
    ListingId: `L-${String(1000 + n)}`,
    StandardStatus: 'Active',
    ListPrice: 300_000 + n * 5000,
    OriginalListPrice: 300_000 + n * 5000,
    BedroomsTotal: 2 + (n % 3),
    BathroomsTotalInteger: 1 + (n % 2),
    LivingArea: 1400 + n * 10,
    PropertyType: 'Residential',
    PropertySubType: n % 4 === 0 ? 'Condominium' : 'SingleFamilyResidence',
    UnparsedAddress: `${String(100 + n)} Lake St`,
    City: n % 2 === 0 ? 'Maple Grove' : 'Plymouth',
    StateOrProvince: 'MN',
    PostalCode: n % 2 === 0 ? '55311' : '55447',
    Latitude: 45.07,
    Longitude: -93.45,
    ModificationTimestamp: new Date(Date.parse('2026-02-01T00:00:00Z') + n * 60_000).toISOString(),
    OnMarketDate: '2026-01-20',
    Media: [
      {
        MediaKey: `${key}-2`,
        MediaCategory: 'Photo',
        Order: 2,
        MediaURL: `https://photos.example.com/${key}/2.jpg`,
      },
      {
        MediaKey: `${key}-1`,
        MediaCategory: 'Photo',
        Order: 1,
        MediaURL: `https://photos.example.com/${key}/1.jpg`,
        ShortDescription: 'Front',
      },
      {
        MediaKey: `${key}-d`,
        MediaCategory: 'Document',
        Order: 3,
        MediaURL: `https://photos.example.com/${key}/disclosure.pdf`,
      },
    ],
    ...fields,
  };
}
