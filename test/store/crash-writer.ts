// Child process of the durability test: writes numbered bulks of leads to the store forever,
// announcing each bulk on stdout before it starts ("begin N") and after it commits ("committed N").
// The parent kills it with SIGKILL in the middle of a bulk. Not a test file itself.
import { getRxStorageSqlite } from '../../src-main/core/store/sqlite/index.js';
import { asStored, leadData, openLeads } from './fixtures.js';

const [path, sizeArg] = process.argv.slice(2);
if (!path || !sizeArg) {
  throw new Error('usage: crash-writer <file> <documents per bulk>');
}
const size = Number(sizeArg);
const instance = await openLeads(getRxStorageSqlite({ path }), 'crash');
process.stdout.write('ready\n');
for (let batch = 0; ; batch++) {
  const rows = Array.from({ length: size }, (_, i) => ({
    document: asStored({ ...leadData(i), id: `b${batch}-${i}` }),
  }));
  // stdout to a pipe is synchronous on Linux: the parent sees this line before the bulk starts.
  process.stdout.write(`begin ${batch}\n`);
  const result = await instance.bulkWrite(rows, 'crash-writer');
  if (result.error.length > 0) {
    throw new Error(`bulk ${batch} had ${result.error.length} write errors`);
  }
  process.stdout.write(`committed ${batch}\n`);
}
