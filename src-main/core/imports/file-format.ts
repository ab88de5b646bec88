// How a CSV file is written: its encoding and its delimiter, worked out from its bytes.
// Encoding: a UTF-8 byte order mark says UTF-8; otherwise a file that decodes as strict UTF-8
// throughout is UTF-8, and anything else is read as Windows-1252 (what Excel on Windows saves
// as "CSV"; every byte is a character there, so nothing is refused). Delimiter: the candidate
// (comma, semicolon, tab) that splits the first rows into the same number of columns, most of them.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ImportDelimiter, ImportEncoding } from '../../../src-shared/imports';

const BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(head: Uint8Array): boolean {
  return BOM.every((byte, i) => head[i] === byte);
}

/** Reads the whole file once, in chunks (the event loop keeps turning between them). */
export async function detectEncoding(path: string): Promise<ImportEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let bom = false;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const bytes = chunk as Buffer;
      if (first) bom = hasUtf8Bom(bytes);
      first = false;
      decoder.decode(bytes, { stream: true });
    }
    decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) return bom ? 'utf-8-bom' : 'windows-1252';
    throw error;
  }
  return bom ? 'utf-8-bom' : 'utf-8';
}

export function textDecoderFor(encoding: ImportEncoding): TextDecoder {
  // The BOM is dropped by the decoder (ignoreBOM false), so headers never start with U+FEFF.
  return new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8');
}

const candidates: readonly ImportDelimiter[] = [',', ';', '\t'];
const SAMPLE_RECORDS = 25;

/** The delimiter of `sample` (the file's first bytes, decoded). Comma when nothing splits. */
export function detectDelimiter(sample: string): ImportDelimiter {
  let best: ImportDelimiter = ',';
  let bestScore = 0;
  for (const delimiter of candidates) {
    const score = delimiterScore(sample, delimiter);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function delimiterScore(sample: string, delimiter: ImportDelimiter): number {
  let records: string[][];
  try {
    const parsed: unknown = parse(sample, {
      delimiter,
      to: SAMPLE_RECORDS,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    });
    records = parsed as string[][];
  } catch {
    return 0;
  }
  // The sample may end inside a row; the last record is not counted.
  const rows = records.length > 2 ? records.slice(0, -1) : records;
  const header = rows[0]?.length ?? 0;
  if (header < 2) return 0;
  const agreeing = rows.filter((r) => r.length === header).length;
  return header * (agreeing / rows.length);
}

/** The first `bytes` of the file, decoded (a partial character at the end is dropped). */
export async function readSample(path: string, encoding: ImportEncoding, bytes = 65_536): Promise<string> {
  const decoder = textDecoderFor(encoding);
  let text = '';
  let read = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1 })) {
    const buffer = chunk as Buffer;
    read += buffer.length;
    text += decoder.decode(buffer, { stream: true });
  }
  return read === 0 ? '' : text;
}
