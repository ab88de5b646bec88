// The server-storage contract on both backends.
import { afterAll } from 'vitest';
import { serverBackends, stopSharedPostgres } from './backends';
import { registerScopeExitContractTests } from './scope-exit-contract';
import { registerServerStorageContractTests } from './server-storage-contract';

afterAll(() => stopSharedPostgres());
for (const backend of serverBackends()) {
  if (!backend.available) continue;
  registerServerStorageContractTests({ name: backend.name, create: backend.create });
  registerScopeExitContractTests({ name: backend.name, create: backend.create });
}
