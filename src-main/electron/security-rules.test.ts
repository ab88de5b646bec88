import { describe, expect, it } from 'vitest';
import { mayGrantPermission, mayNavigate, mayOpenExternally, rendererUrlFor } from './security-rules';

const BUILT = 'file:///opt/Porchlight/resources/app.asar/out/renderer/index.html';

describe('desktop security rules', () => {
  it('opens only https, mailto and tel links outside the app', () => {
    for (const url of ['https://example.com/listing', 'mailto:ada@example.com', 'tel:+15555550100'])
      expect(mayOpenExternally(url)).toBe(true);
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-settings:',
      'not a url',
    ])
      expect(mayOpenExternally(url)).toBe(false);
  });

  it('honours ELECTRON_RENDERER_URL only in a development build', () => {
    expect(rendererUrlFor(false, 'http://localhost:5173', BUILT)).toBe('http://localhost:5173');
    expect(rendererUrlFor(true, 'http://evil.example.com', BUILT)).toBe(BUILT);
    expect(rendererUrlFor(false, undefined, BUILT)).toBe(BUILT);
  });

  it('keeps navigations, redirects and frames on our own page', () => {
    expect(mayNavigate(`${BUILT}#/leads/1`, BUILT)).toBe(true);
    expect(mayNavigate('file:///home/me/other.html', BUILT)).toBe(false);
    expect(mayNavigate('https://example.com', BUILT)).toBe(false);
    expect(mayNavigate('http://localhost:5173/#/today', 'http://localhost:5173/')).toBe(true);
    expect(mayNavigate('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it('grants the page no permission at all', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      expect(mayGrantPermission(permission)).toBe(false);
  });
});
