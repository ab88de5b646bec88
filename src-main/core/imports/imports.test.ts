import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finished, importFile } from '../testing/import-helpers';
import { createTestCore, type TestCore } from '../testing/test-core';

let dir: string;
let core: TestCore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-imports-'));
  core = await createTestCore({ dataDir: dir });
});
afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const liveLeads = async () =>
  (await core.ctx.db.leads.find({ selector: { deletedAt: 0 } }).exec()).map((d) => d.toMutableJSON());
const reportOf = async (id: string) => (await core.invoke('imports-report', { id, limit: 500 })).rows;

describe('reading files', () => {
  it('reads UTF-8 with a BOM, semicolons and a quoted line break', async () => {
    const text =
      '\uFEFFFirst Name;Last Name;Email;Notes\r\nZoë;Åberg;zoe@example.com;"line one\nline two; still notes"\r\n';
    const { inspection, batch } = await importFile(core, text);
    expect(inspection).toMatchObject({
      encoding: 'utf-8-bom',
      delimiter: ';',
      headers: ['First Name', 'Last Name', 'Email', 'Notes'],
    });
    expect(batch.counts).toMatchObject({ rowsRead: 1, imported: 1, refused: 0 });
    const [lead] = await liveLeads();
    expect(lead).toMatchObject({
      firstName: 'Zoë',
      lastName: 'Åberg',
      notes: 'Notes: line one\nline two; still notes',
    });
  });

  it('detects Windows-1252 and tabs', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Name\tPhone\tCity\r\n'),
      Buffer.from([0x52, 0x65, 0x6e, 0xe9, 0x65, 0x20, 0x44, 0x75, 0x62, 0x6f, 0x69, 0x73]), // "Renée Dubois"
      Buffer.from('\t(312) 555-0142\tChicago\r\n'),
    ]);
    const { inspection } = await importFile(core, bytes, { chunk: 7 });
    expect(inspection).toMatchObject({ encoding: 'windows-1252', delimiter: '\t' });
    const [lead] = await liveLeads();
    expect(lead).toMatchObject({
      firstName: 'Renée',
      lastName: 'Dubois',
      phone: '+13125550142',
      timeZone: 'America/Chicago',
    });
  });

  it('previews rows as leads with the words the report will use, and remembers a corrected mapping', async () => {
    const text =
      'Contact Name,Email Address,Phone Number,Contact Type,Date Added,Hobby\nAda Lovelace,ada@example.com,555-12,Buyer,3/31/2024,Chess\n';
    const first = await importFile(core, text, { fileName: 'zillow.csv' });
    expect(first.inspection.preset).toBe('zillow');
    expect(first.inspection.preview[0]).toMatchObject({
      name: 'Ada Lovelace',
      source: 'zillow',
      messages: ['Row 2: phone "555-12" is not a valid US number; the row was kept without a phone.'],
    });
    const corrected = { ...first.inspection.mapping, Hobby: 'tags' as const };
    const id = (
      await core.invoke('imports-upload', {
        fileName: 'z2.csv',
        fileSize: text.length,
        offset: 0,
        data: Buffer.from(text).toString('base64'),
      })
    ).id;
    await core
      .invoke('imports-start', { id, preset: 'zillow', mapping: corrected, duplicates: 'create' })
      .catch(() => undefined);
    const again = await core.invoke('imports-inspect', { id });
    expect(again.mapping.Hobby).toBe('ignore');
    await core.invoke('imports-start', { id, preset: 'zillow', mapping: corrected, duplicates: 'create' });
    await finished(core, id);
    const upload = (
      await core.invoke('imports-upload', {
        fileName: 'z3.csv',
        fileSize: text.length,
        offset: 0,
        data: Buffer.from(text).toString('base64'),
      })
    ).id;
    const third = await core.invoke('imports-inspect', { id: upload });
    expect(third).toMatchObject({ mappingRemembered: true, mapping: { Hobby: 'tags' } });
  });
});

describe('the per-row report', () => {
  it('keeps the good fields of a bad row, refuses a row with nothing to go on, and says why', async () => {
    const text = [
      'First Name,Last Name,Email,Phone,Price,Stage',
      'Grace,Hopper,grace@example,555-12,lots,Banana',
      ',,not-an-email,12,,',
      ',,,,,',
      'Alan,Turing,alan@example.com,(415) 555-0199,$400k-$500k,Active Client',
    ].join('\n');
    const { id, batch } = await importFile(core, text);
    expect(batch.counts).toMatchObject({ rowsRead: 4, imported: 2, refused: 2, withWarnings: 1 });
    const rows = await reportOf(id);
    // A row imported cleanly has nothing to say: it is only in the CSV report.
    expect(rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'imported'],
      [3, 'refused'],
      [4, 'refused'],
    ]);
    expect(rows[0]?.messages).toEqual([
      'Row 2: email "grace@example" is not a valid email address; the row was kept without an email.',
      'Row 2: phone "555-12" is not a valid US number; the row was kept without a phone.',
      'Row 2: stage "Banana" is not one Porchlight knows; the lead was kept as New.',
      'Row 2: price "lots" is not an amount or a range; the row was kept without a price.',
    ]);
    expect(rows[1]?.messages[0]).toMatch(
      /^Row 3: no name, email or phone could be read \(email "not-an-email" .*\); the row was refused\.$/,
    );
    const alan = (await liveLeads()).find((l) => l.firstName === 'Alan');
    expect(alan).toMatchObject({
      stage: 'qualified',
      priceMin: 400_000,
      priceMax: 500_000,
      phone: '+14155550199',
    });
    const { csv } = await core.invoke('imports-report-csv', { id });
    expect(csv.split('\r\n')[0]).toBe('\uFEFFRow,Result,Lead,Details');
    expect(csv).toContain('3,Refused,,"Row 3: no name');
    expect(csv).toContain('5,Imported,Alan Turing,\r\n');
  });
});

describe('duplicates', () => {
  const existing = { firstName: 'Mary', lastName: 'Major', email: 'mary@example.com', tags: ['sphere'] };
  const file = 'Name,Email,Phone,Tags,Notes\nM. Major,MARY@example.com,(312) 555-0101,buyer,Wants a garden\n';

  it('reports a likely email typo beside its row and keeps the address as written', async () => {
    const text = ['First Name,Email', 'John,john@gmial.com', 'Ada,ada@example.com'].join('\n');
    const { id, batch } = await importFile(core, text);
    expect(batch.counts).toMatchObject({ rowsRead: 2, imported: 2, withWarnings: 1 });
    expect((await reportOf(id)).map((r) => [r.row, r.messages])).toEqual([
      [
        2,
        [
          'Row 2: email "john@gmial.com" may be mistyped: did you mean john@gmail.com? It was kept as written.',
        ],
      ],
    ]);
    expect((await liveLeads()).find((l) => l.firstName === 'John')?.email).toBe('john@gmial.com');
  });

  it('skips a row whose email is already a lead', async () => {
    await core.invoke('leads-create', { lead: existing });
    const { id, batch } = await importFile(core, file, { duplicates: 'skip' });
    expect(batch.counts).toMatchObject({ skipped: 1, imported: 0 });
    expect((await reportOf(id))[0]?.messages).toEqual([
      'Row 2: Mary Major already has the email mary@example.com; the row was skipped.',
    ]);
    expect(await liveLeads()).toHaveLength(1);
  });

  it('merges: fills empty fields, joins tags, appends notes; undo reverts exactly that', async () => {
    const { lead } = await core.invoke('leads-create', { lead: existing });
    const { id, batch } = await importFile(core, file, { duplicates: 'merge' });
    expect(batch.counts).toMatchObject({ merged: 1 });
    const merged = await core.invoke('leads-get', { id: lead.id });
    expect(merged).toMatchObject({
      firstName: 'Mary',
      phone: '+13125550101',
      tags: ['sphere', 'buyer'],
      notes: 'Notes: Wants a garden',
    });
    const undone = await core.invoke('imports-undo', { id });
    expect(undone).toMatchObject({ removed: 0, reverted: 1, batch: { state: 'undone' } });
    const back = await core.invoke('leads-get', { id: lead.id });
    expect(back).toMatchObject({ tags: ['sphere'], timeZone: lead.timeZone });
    expect(back?.phone).toBeUndefined();
    expect(back?.notes).toBeUndefined();
  });

  it('keeps an edit made after the import when undoing a merge', async () => {
    const { lead } = await core.invoke('leads-create', { lead: existing });
    const { id } = await importFile(core, file, { duplicates: 'merge' });
    await core.invoke('leads-update', { id: lead.id, patch: { phone: '(312) 555-0177' } });
    await core.invoke('imports-undo', { id });
    const back = await core.invoke('leads-get', { id: lead.id });
    expect(back).toMatchObject({ phone: '+13125550177', tags: ['sphere'] });
  });

  it('creates anyway when asked, and merges rows of one file that share a phone', async () => {
    await core.invoke('leads-create', { lead: existing });
    await importFile(core, file, { duplicates: 'create' });
    expect(await liveLeads()).toHaveLength(2);
    const twice = 'Name,Phone,Tags\nPat Doe,(212) 555-0110,a\nPatricia Doe,212-555-0110,b\n';
    const { batch } = await importFile(core, twice, { duplicates: 'merge' });
    expect(batch.counts).toMatchObject({ imported: 1, merged: 1 });
    const pat = (await liveLeads()).find((l) => l.phone === '+12125550110');
    expect(pat).toMatchObject({ firstName: 'Pat', tags: ['a', 'b'] });
  });
});

describe('undo and resume', () => {
  const rows = (n: number) =>
    [
      'First Name,Last Name,Email',
      ...Array.from({ length: n }, (_, i) => `Lead,${i},lead${i}@example.com`),
    ].join('\n');

  it('undo sends exactly the created leads to the bin and leaves other leads alone', async () => {
    const { lead: mine } = await core.invoke('leads-create', {
      lead: { firstName: 'Typed', lastName: 'In' },
    });
    const { id, batch } = await importFile(core, rows(1_200));
    expect(batch.counts.imported).toBe(1_200);
    const result = await core.invoke('imports-undo', { id });
    expect(result.removed).toBe(1_200);
    expect((await liveLeads()).map((l) => l.id)).toEqual([mine.id]);
    await expect(core.invoke('imports-undo', { id })).rejects.toThrow(/already undone/);
  });

  it('a run replayed from any earlier checkpoint ends with the same leads and counts (crash between writes)', async () => {
    const { id, batch } = await importFile(core, rows(1_100), { duplicates: 'merge' });
    const before = (await liveLeads()).map((l) => l.id).sort();
    // As if the app died after writing the report rows of the last groups but before their leads
    // and checkpoints: roll the checkpoint back and drop some leads it wrote.
    const doc = await core.ctx.db.imports.findOne(id).exec();
    await doc?.incrementalPatch({
      status: 'running',
      checkpointRow: 501,
      counts: { rowsRead: 500, imported: 500, merged: 0, skipped: 0, refused: 0, withWarnings: 0 },
    });
    const lost = await core.ctx.db.leads
      .find({ selector: { email: { $regex: '^lead(9|10)\\d\\d@' } } })
      .exec();
    await core.ctx.db.leads.bulkRemove(lost.map((d) => d.id));
    const staged = join(dir, 'imports', `${id}.csv`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(staged, rows(1_100));
    expect((await core.invoke('imports-get', { id }))?.state).toBe('interrupted');
    await core.invoke('imports-resume', { id });
    const resumed = await finished(core, id);
    expect(resumed.counts).toEqual(batch.counts);
    expect((await liveLeads()).map((l) => l.id).sort()).toEqual(before);
    const { csv } = await core.invoke('imports-report-csv', { id });
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 1_100);
  });
});

describe('imported leads and the new-lead first touch', () => {
  it('marks every imported lead with its batch, so the new-lead trigger leaves it alone', async () => {
    const { id } = await importFile(core, 'Name,Email\nNew Person,new@example.com\n');
    const [lead] = await liveLeads();
    expect(lead?.importId).toBe(id);
  });
});

describe('export', () => {
  it('writes the grid view’s columns with formulas neutralised', async () => {
    await core.invoke('leads-create', {
      lead: { firstName: '=HYPERLINK("http://x")', lastName: 'Evil', email: 'e@example.com' },
    });
    const { csv, rows: count } = await core.invoke('leads-export-csv', {
      query: { sort: { field: 'name', direction: 'asc' } },
      columns: ['name', 'email', 'stage'],
    });
    expect(count).toBe(1);
    expect(csv).toBe('\uFEFFName,Email,Stage\r\n"\'=HYPERLINK(""http://x"") Evil",e@example.com,new\r\n');
  });

  it('writes the leads in the grid’s order and the columns in the order asked', async () => {
    for (const [firstName, stage] of [
      ['Carla', 'qualified'],
      ['Abe', 'new'],
      ['Bea', 'contacted'],
    ] as const)
      await core.invoke('leads-create', { lead: { firstName, lastName: 'Test', stage, intent: 'buy' } });
    const byName = await core.invoke('leads-export-csv', {
      query: { sort: { field: 'name', direction: 'desc' } },
      columns: ['stage', 'intent', 'name'],
    });
    expect(byName.csv.split('\r\n')).toEqual([
      '\uFEFFStage,Looking To,Name',
      'qualified,buy,Carla Test',
      'contacted,buy,Bea Test',
      'new,buy,Abe Test',
      '',
    ]);
  });
});
