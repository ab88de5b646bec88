// Errors from a secret store. A message names the secret and the file, never a value: they
// reach logs and the settings screen.
export type SecretStoreErrorCode =
  'insecure_permissions' | 'corrupt_file' | 'set_by_environment' | 'encryption_unavailable' | 'io';

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
  constructor(
    readonly code: SecretStoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
