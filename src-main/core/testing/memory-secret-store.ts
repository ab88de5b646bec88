// An in-memory SecretStore for tests; the desktop and headless stores live in adapters/.
import type { SecretName, SecretStore } from '../ports/secret-store';
import { secretNames } from '../ports/secret-store';

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<SecretName, string>();

  constructor(initial: Partial<Record<SecretName, string>> = {}) {
    for (const name of secretNames) {
      const value = initial[name];
      if (value !== undefined) this.values.set(name, value);
    }
  }

  get(name: SecretName): Promise<string | undefined> {
    return Promise.resolve(this.values.get(name));
  }

  set(name: SecretName, value: string): Promise<void> {
    this.values.set(name, value);
    return Promise.resolve();
  }

  delete(name: SecretName): Promise<void> {
    this.values.delete(name);
    return Promise.resolve();
  }

  names(): Promise<SecretName[]> {
    return Promise.resolve(secretNames.filter((name) => this.values.has(name)));
  }
}
