// Follow Up Boss's REST API as core needs it: people newest change first (cursor pages), one
// person, notes (to record what Porchlight sent, and to find what it already recorded), a
// person's stage, and the activities a webhook names (a note, text, email or call by id). The
// events themselves come from the team server (FubEventSource), which Follow Up Boss posts to. The adapter (adapters/follow-up-boss) speaks HTTP; tests use a local server
// that answers as Follow Up Boss documents it.

export interface FubContact {
  value: string;
  type?: string;
  isPrimary?: boolean | number;
}

export interface FubAddress {
  street?: string;
  city?: string;
  state?: string;
  code?: string;
  country?: string;
}

/** A person as Follow Up Boss returns it (the fields Porchlight reads). */
export interface FubPerson {
  id: number;
  created?: string;
  updated?: string;
  firstName?: string;
  lastName?: string;
  name?: string;
  stage?: string;
  source?: string;
  price?: number;
  background?: string;
  tags?: string[];
  emails?: FubContact[];
  phones?: FubContact[];
  addresses?: FubAddress[];
}

export interface FubPeoplePage {
  people: FubPerson[];
  /** The cursor of the next page, absent on the last one. */
  next?: string;
}

export interface FubNote {
  id: number;
  body: string;
}

/** The resources an activity webhook names, under Follow Up Boss's own collection names. */
export const fubActivityKinds = ['notes', 'textMessages', 'emails', 'calls'] as const;
export type FubActivityKind = (typeof fubActivityKinds)[number];

/** A note, text message, email or call as Follow Up Boss returns it (the fields read). */
export interface FubActivity {
  id: number;
  personId?: number;
  created?: string;
  /** Texts, emails and calls: true when the person wrote or called. */
  isIncoming?: boolean;
  subject?: string;
  /** Notes and emails. */
  body?: string;
  /** Texts. */
  message?: string;
  /** Calls: the agent's note and the length in seconds. */
  note?: string;
  duration?: number;
}

export interface FubApi {
  /** People sorted by last update, newest first. */
  listPeople(query: { next?: string; limit: number }): Promise<FubPeoplePage>;
  /** Undefined when the person does not exist (deleted). */
  getPerson(id: number): Promise<FubPerson | undefined>;
  listNotes(personId: number): Promise<FubNote[]>;
  createNote(note: { personId: number; subject: string; body: string }): Promise<FubNote>;
  updateStage(personId: number, stage: string): Promise<void>;
  /** The account's webhooks (GET /webhooks; needs a registered system). */
  listWebhooks(): Promise<{ id: number; event: string; url: string }[]>;
  createWebhook(webhook: { event: string; url: string }): Promise<void>;
  /** Undefined when it does not exist (deleted since the webhook was sent). */
  getActivity(kind: FubActivityKind, id: number): Promise<FubActivity | undefined>;
}

export interface FubCredentials {
  apiKey: string;
  /** The registered system's key, sent as X-System-Key (optional until registered). */
  systemKey?: string;
  /** Ends calls under way (the service stopping). */
  signal?: AbortSignal;
}

/** One Follow Up Boss event the team server received by webhook (src-shared/sync/fub-events). */
export interface FubEvent {
  id: string;
  event: string;
  eventCreated?: string | undefined;
  resourceIds: (number | string)[];
  seq: number;
}

/** The events the team server kept after a position, and the position to ask after next. */
export interface FubEventSource {
  /** Who reads them: the server (URL) and team the positions belong to. */
  readonly origin: string;
  list(afterSeq: number, limit: number): Promise<{ events: FubEvent[]; checkpoint: number }>;
  /** The address Follow Up Boss posts to (undefined while the server has no public URL). */
  webhookUrl(): Promise<string | undefined>;
}

/** Builds the API for a key (the key is read from the SecretStore when needed). */
export type FubApiFactory = (credentials: FubCredentials) => FubApi;

export type FubErrorKind = 'auth' | 'rate_limited' | 'not_found' | 'refused' | 'unreachable';

/** What went wrong talking to Follow Up Boss, in its words where it gave some. */
export class FubError extends Error {
  constructor(
    readonly kind: FubErrorKind,
    message: string,
    readonly status?: number,
    /** For `rate_limited`: how long Follow Up Boss asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'FubError';
  }
}
