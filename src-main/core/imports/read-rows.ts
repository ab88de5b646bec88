// Streams a staged CSV file as rows: the file is read in 64 KiB pieces, decoded, and fed to
// csv-parse (quoted fields may hold delimiters, quotes and line breaks). Rows come in groups of
// `groupSize`, with the file bytes read so far, so the importer can write and yield between
// groups. Row numbers are the spreadsheet's: the header is row 1, the first lead row 2.
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { ImportDelimiter, ImportEncoding } from '../../../src-shared/imports';
import { textDecoderFor } from './file-format';

export interface CsvRow {
  row: number;
  /** Cells by header (a Map: a header may be named "__proto__"); extra cells are dropped. */
  cells: Map<string, string>;
  /** The row had more cells than the header has columns. */
  extraCells: number;
}

export interface RowGroup {
  headers: string[];
  rows: CsvRow[];
  bytesRead: number;
}

export interface ReadOptions {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  groupSize: number;
  /** Rows up to this number are parsed but not returned (a resumed import). */
  afterRow?: number;
  /** Stop after this many data rows (a preview). */
  limit?: number;
  signal?: AbortSignal;
}

/** Header cells trimmed; a blank or repeated header gets a name ("Column 4", "Email (2)"). */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((cell, i) => {
    const base = cell.trim() === '' ? `Column ${i + 1}` : cell.trim().slice(0, 200);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

export async function* readRowGroups(path: string, options: ReadOptions): AsyncGenerator<RowGroup> {
  let bytesRead = 0;
  const decoder = textDecoderFor(options.encoding);
  const decode = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesRead += chunk.length;
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
  const parser = parse({
    delimiter: options.delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    ...(options.limit === undefined ? {} : { to: options.limit + 1 }),
  });
  const source = createReadStream(path, { highWaterMark: 65_536 });
  const piping = pipeline(source, decode, parser, ...(options.signal ? [{ signal: options.signal }] : []));
  piping.catch(() => undefined); // surfaced by the iteration below

  let headers: string[] | undefined;
  let row = 1;
  let group: CsvRow[] = [];
  for await (const record of parser as AsyncIterable<string[]>) {
    if (headers === undefined) {
      headers = uniqueHeaders(record);
      continue;
    }
    row += 1;
    if (options.afterRow !== undefined && row <= options.afterRow) continue;
    const cells = new Map<string, string>();
    headers.forEach((header, i) => {
      const value = record[i];
      if (value !== undefined) cells.set(header, value);
    });
    group.push({ row, cells, extraCells: Math.max(0, record.length - headers.length) });
    if (group.length >= options.groupSize) {
      yield { headers, rows: group, bytesRead };
      group = [];
    }
  }
  // A preview stops reading early: the rest of the file is not wanted, so its close is not an error.
  if (options.limit === undefined) await piping;
  else source.destroy();
  yield { headers: headers ?? [], rows: group, bytesRead };
}
