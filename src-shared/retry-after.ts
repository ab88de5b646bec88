// A Retry-After header (RFC 9110 10.2.3) as milliseconds from now: delay-seconds or an HTTP
// date, never negative; undefined when the header is absent or says neither. Each caller keeps
// its own default and its own longest wait.
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
