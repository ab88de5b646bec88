// An import in a child process, for the kill -9 test. Boots core on the folder (SQLite store,
// engine and jobs, as the app runs), then:
//   start FILE: hands FILE over through the contract, starts the import and prints one line
//               "CHECKPOINT <row>" after each group written, until it is killed (or done);
//   resume:     boots on the same folder, resumes the interrupted batch, prints "SUMMARY <json>".
import { readFileSync } from 'node:fs';
import { bootCore } from '../../src-main/core/boot';
import type { ImportView } from '../../src-shared/ipc/imports';

const [dataDir = '', mode = 'resume', file = ''] = process.argv.slice(2);
const core = await bootCore({ dataDir, shell: 'headless', demo: false });
const invoke = core.app.invoke.bind(core.app);

function finished(id: string): Promise<ImportView> {
  return new Promise((resolve) => {
    const stop = core.ctx.events.on('imports-changed', (payload) => {
      if (!payload.ids.includes(id)) return;
      void (invoke('imports-get', { id }) as Promise<ImportView>).then((batch) => {
        if (batch.state === 'running') return;
        stop();
        resolve(batch);
      });
    });
  });
}

if (mode === 'start') {
  const bytes = readFileSync(file);
  const { id } = (await invoke('imports-upload', {
    fileName: 'crash.csv',
    fileSize: bytes.length,
    offset: 0,
    data: bytes.toString('base64'),
  })) as { id: string };
  const inspection = (await invoke('imports-inspect', { id })) as { preset: string; mapping: object };
  core.ctx.events.on('imports-progress', (progress) => {
    const row = (progress.counts.rowsRead ?? 0) + 1;
    process.stdout.write(`CHECKPOINT ${row}\n`);
  });
  await invoke('imports-start', {
    id,
    preset: inspection.preset,
    mapping: inspection.mapping,
    duplicates: 'merge',
  });
  await finished(id);
  process.stdout.write('DONE\n');
} else {
  const [interrupted] = (await invoke('imports-list', {})) as ImportView[];
  if (interrupted === undefined) throw new Error('no import to resume');
  const before = interrupted.state;
  const done = finished(interrupted.id);
  await invoke('imports-resume', { id: interrupted.id });
  const batch = await done;
  const leads = await core.ctx.db.leads.find({ selector: { deletedAt: 0 } }).exec();
  const emails = new Set(leads.map((l) => l.email));
  const { csv } = (await invoke('imports-report-csv', { id: interrupted.id })) as { csv: string };
  process.stdout.write(
    `SUMMARY ${JSON.stringify({ before, state: batch.state, counts: batch.counts, leads: leads.length, emails: emails.size, reportLines: csv.trim().split('\r\n').length })}\n`,
  );
}
await core.close();
