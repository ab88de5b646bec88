// The server-storage contract on both backends.
import { afterAll } from 'vitest';
import { serverBackends, stopSharedPostgres } from './backends';
import { registerServerStorageContractTests } from './server-storage-contract';

afterAll(() => stopSharedPostgres());
for (const backend of serverBackends()) {
  if (backend.available) registerServerStorageContractTests({ name: backend.name, create: backend.create });
}
