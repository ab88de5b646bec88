// Errors from a secret store. A message names the secret and the file, never a value: they
// reach logs and the settings screen. Each crosses the contract with a code of its own kind
// (a loose secrets file is `insecure_secrets`, not `internal`), and keeps the precise reason.
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import { PorchlightError } from '../../../src-shared/ipc/errors';

export type SecretStoreErrorReason =
  'insecure_permissions' | 'corrupt_file' | 'set_by_environment' | 'encryption_unavailable' | 'io';

const contractCode: Record<SecretStoreErrorReason, ErrorCode> = {
  insecure_permissions: 'insecure_secrets',
  corrupt_file: 'unavailable',
  set_by_environment: 'conflict',
  encryption_unavailable: 'unavailable',
  io: 'unavailable',
};

export class SecretStoreError extends PorchlightError {
  constructor(
    readonly reason: SecretStoreErrorReason,
    message: string,
  ) {
    super(contractCode[reason], message);
  }
}
