// SMS segment counting as carriers do (3GPP TS 23.038 / 23.040). A message that uses only the
// GSM-7 default alphabet and its extension table is sent in 7-bit septets: 160 in one segment,
// 153 per segment once concatenated (the UDH takes 7); an extension character costs two septets
// (ESC + char) and an ESC pair is never split across segments. Anything else is sent as UCS-2
// (UTF-16 code units): 70 in one segment, 67 when concatenated, and a surrogate pair (emoji) is
// never split either.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) in the whole message. */
  units: number;
  /** Capacity of each segment at this length: 160/153 or 70/67. */
  perSegment: number;
  /** Units left in the last segment before another one starts. */
  remaining: number;
  /** Characters that forced UCS-2, for the editor to point at. */
  nonGsmCharacters: string[];
}

/** Carriers and Twilio accept more, but more than 3 segments costs and often arrives out of order. */
export const SEGMENT_WARNING_THRESHOLD = 3;

export function isGsm7(text: string): boolean {
  for (const char of text) if (!basic.has(char) && !extension.has(char)) return false;
  return true;
}

/** Packs characters (by cost) into segments of `capacity` units without splitting any character. */
function pack(costs: number[], capacity: number): { segments: number; lastFill: number } {
  let segments = 1;
  let fill = 0;
  for (const cost of costs) {
    if (fill + cost > capacity) {
      segments++;
      fill = 0;
    }
    fill += cost;
  }
  return { segments, lastFill: fill };
}

export function countSegments(text: string): SegmentCount {
  const chars = [...text];
  const gsm = isGsm7(text);
  const costs = chars.map((char) => (gsm ? (extension.has(char) ? 2 : 1) : char.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  const nonGsmCharacters = gsm ? [] : [...new Set(chars.filter((c) => !basic.has(c) && !extension.has(c)))];
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  if (units <= single) {
    return { encoding, segments: 1, units, perSegment: single, remaining: single - units, nonGsmCharacters };
  }
  const { segments, lastFill } = pack(costs, multi);
  return { encoding, segments, units, perSegment: multi, remaining: multi - lastFill, nonGsmCharacters };
}

export function segmentWarning(count: SegmentCount): string | null {
  if (count.segments <= SEGMENT_WARNING_THRESHOLD) return null;
  const why =
    count.encoding === 'UCS-2'
      ? ` It uses characters outside GSM-7 (${count.nonGsmCharacters.slice(0, 5).join(' ')}), which halves the room per segment.`
      : '';
  return `This text is ${count.segments} SMS segments; keep it to ${SEGMENT_WARNING_THRESHOLD} or fewer.${why}`;
}
