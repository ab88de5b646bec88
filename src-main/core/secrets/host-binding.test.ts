import { describe, expect, it } from 'vitest';
import {
  aiKeyDestination,
  isLoopbackHost,
  mailPasswordDestination,
  plainAiRefusal,
  plainMailRefusal,
} from './host-binding';

describe('host binding', () => {
  it('knows this computer by name and address, and nothing else', () => {
    for (const host of ['localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]', 'LOCALHOST'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of [
      'localhost.example.com',
      '10.0.0.1',
      '128.0.0.1',
      '0.0.0.0',
      'example.com',
      '127.0.0.1.nip.io',
    ])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it('binds the AI key to the origin: scheme, host and port', () => {
    expect(aiKeyDestination({})).toBe('https://api.openai.com');
    expect(aiKeyDestination({ baseURL: 'https://api.openai.com/v1' })).toBe('https://api.openai.com');
    expect(aiKeyDestination({ baseURL: 'https://AI.example.com:8443/v1' })).toBe(
      'https://ai.example.com:8443',
    );
    expect(aiKeyDestination({ baseURL: 'http://ai.example.com/v1' })).not.toBe(
      aiKeyDestination({ baseURL: 'https://ai.example.com/v1' }),
    );
  });

  it('binds a mail password to the host and to encryption, not to the port', () => {
    const tls = mailPasswordDestination({ host: 'smtp.example.com', security: 'tls' });
    expect(mailPasswordDestination({ host: 'SMTP.example.com ', security: 'starttls' })).toBe(tls);
    expect(mailPasswordDestination({ host: 'smtp.example.com', security: 'none' })).not.toBe(tls);
    expect(mailPasswordDestination({ host: 'smtp.other.example', security: 'tls' })).not.toBe(tls);
  });

  it('allows clear text only to this computer', () => {
    expect(plainAiRefusal({ baseURL: 'http://127.0.0.1:8080/v1' })).toBeUndefined();
    expect(plainAiRefusal({ baseURL: 'https://ai.example.com/v1' })).toBeUndefined();
    expect(plainAiRefusal({ baseURL: 'http://ai.example.com/v1' })).toContain('https://ai.example.com/v1');
    expect(plainMailRefusal({ host: 'localhost', security: 'none' })).toBeUndefined();
    expect(plainMailRefusal({ host: 'smtp.example.com', security: 'starttls' })).toBeUndefined();
    expect(plainMailRefusal({ host: 'smtp.example.com', security: 'none' })).toContain('smtp.example.com');
  });
});
