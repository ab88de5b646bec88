// When a message may reach a lead. Guarantees: `nextAllowedSendTime(at, zones, policy)` returns
// the first instant >= `at` (to the minute when it moves) that is inside the send window on an
// allowed day in EVERY given zone, so a send is never inside quiet hours for the lead, including
// on DST change days (local wall time is read through luxon's IANA rules, never by adding
// fixed offsets). Several zones = a lead whose zone is unknown: the strictest window of its
// country. Windows are [start, end): with 08:00–21:00 the last allowed minute is 20:59.
import { DateTime } from 'luxon';

/** Minutes after local midnight. */
export interface LocalWindow {
  startMinute: number;
  endMinute: number;
}

export interface SendPolicy {
  window: LocalWindow;
  /** Luxon weekdays (1 = Monday … 7 = Sunday) on which automatic sends may go out. */
  weekdays: readonly number[];
  /** Local dates "yyyy-MM-dd" with no automatic sends (team holidays). */
  holidays: readonly string[];
}

export type QuietHoursErrorCode = 'no_common_window' | 'invalid_window' | 'invalid_zone';

export class QuietHoursError extends Error {
  override readonly name = 'QuietHoursError';
  constructor(
    readonly code: QuietHoursErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function parseLocalTime(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (match === null) throw new QuietHoursError('invalid_window', `"${hhmm}" is not a time (HH:mm).`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function windowOf(start: string, end: string): LocalWindow {
  const window = { startMinute: parseLocalTime(start), endMinute: parseLocalTime(end) };
  if (window.endMinute <= window.startMinute) {
    throw new QuietHoursError('invalid_window', `The window ${start}–${end} must end after it starts.`);
  }
  return window;
}

/** The part of both windows; null when they do not overlap. */
export function intersectWindows(a: LocalWindow, b: LocalWindow): LocalWindow | null {
  const startMinute = Math.max(a.startMinute, b.startMinute);
  const endMinute = Math.min(a.endMinute, b.endMinute);
  return endMinute > startMinute ? { startMinute, endMinute } : null;
}

function isAllowedDay(local: DateTime, policy: SendPolicy): boolean {
  return policy.weekdays.includes(local.weekday) && !policy.holidays.includes(local.toISODate() ?? '');
}

function localMinute(local: DateTime): number {
  return local.hour * 60 + local.minute;
}

export function isAllowedAt(at: number, zone: string, policy: SendPolicy): boolean {
  const local = DateTime.fromMillis(at, { zone });
  if (!local.isValid) throw new QuietHoursError('invalid_zone', `"${zone}" is not a time zone.`);
  const minute = localMinute(local);
  return (
    isAllowedDay(local, policy) && minute >= policy.window.startMinute && minute < policy.window.endMinute
  );
}

/** A bit more than a year of days: enough for any weekday set and holiday list. */
const MAX_DAYS_SEARCHED = 400;

function nextAllowedInZone(at: number, zone: string, policy: SendPolicy): number {
  let local = DateTime.fromMillis(at, { zone });
  if (!local.isValid) throw new QuietHoursError('invalid_zone', `"${zone}" is not a time zone.`);
  const { startMinute, endMinute } = policy.window;
  for (let day = 0; day < MAX_DAYS_SEARCHED; day++) {
    if (isAllowedDay(local, policy)) {
      const minute = localMinute(local);
      if (minute >= startMinute && minute < endMinute) return local.toMillis();
      if (minute < startMinute) {
        // In a DST gap luxon moves the wall time forward; the loop re-checks the result.
        const opening = local.set({
          hour: Math.floor(startMinute / 60),
          minute: startMinute % 60,
          second: 0,
          millisecond: 0,
        });
        if (opening.toMillis() > local.toMillis()) {
          local = opening;
          continue;
        }
      }
    }
    local = local.plus({ days: 1 }).startOf('day');
  }
  throw new QuietHoursError('no_common_window', `No allowed send time within ${MAX_DAYS_SEARCHED} days.`);
}

/**
 * The first instant >= `at` allowed in every zone. Zones are met in turn until none moves the
 * time (a fixed point); windows with no common minute raise `no_common_window`.
 */
export function nextAllowedSendTime(at: number, zones: readonly string[], policy: SendPolicy): number {
  if (zones.length === 0) throw new QuietHoursError('invalid_zone', 'A send time needs at least one zone.');
  let candidate = at;
  for (let round = 0; round < 64; round++) {
    let moved = false;
    for (const zone of zones) {
      const next = nextAllowedInZone(candidate, zone, policy);
      if (next !== candidate) {
        candidate = next;
        moved = true;
      }
    }
    if (!moved) return candidate;
  }
  throw new QuietHoursError(
    'no_common_window',
    `The send window has no minute in common across ${zones.join(', ')}; narrow the zones or widen the window.`,
  );
}
