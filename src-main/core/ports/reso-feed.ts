// The MLS's RESO Web API as core sees it: a query over the Property resource that comes back
// page by page. The adapter (adapters/reso/web-api.ts) owns the wire: OData's $filter,
// $select, $top, $skip and $expand=Media, @odata.nextLink, signing in (a bearer token or OAuth2
// client credentials) and waiting out 429 with Retry-After. Core owns what the records mean.

export interface ResoQuery {
  /** OData $filter, or '' for every record. */
  filter: string;
  select: readonly string[];
  /** Ask for each record's Media (photos) inline. */
  expandMedia: boolean;
  /** Page size ($top). */
  pageSize: number;
  /** OData $orderby, e.g. 'ModificationTimestamp asc,ListingKey asc'. */
  orderBy: string;
}

export interface ResoPage {
  /** The page's records as the server sent them (read by core with zod). */
  records: unknown[];
}

export type ResoErrorCode = 'unauthorized' | 'rate_limited' | 'unreachable' | 'refused' | 'bad_response';

/** What went wrong reaching the MLS, in words a broker can act on. */
export class ResoError extends Error {
  override readonly name = 'ResoError';
  constructor(
    readonly code: ResoErrorCode,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

export interface ResoFeed {
  /** Every page of the query, following @odata.nextLink (or $skip when the server gives none). */
  pages(query: ResoQuery): AsyncIterable<ResoPage>;
}

export interface ResoConnection {
  endpoint: string;
  auth:
    | { kind: 'bearer'; token: string }
    | { kind: 'client_credentials'; tokenUrl: string; clientId: string; clientSecret: string; scope: string };
}

/** Opens a feed on a connection (the shell passes the adapter's; tests their server's). */
export type ResoFeedFactory = (connection: ResoConnection) => ResoFeed;
