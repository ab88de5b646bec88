import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP_HEADER } from '../../src-shared/security/content-security-policy';
import { APP_INDEX_URL, isSameApp, resolveAppFile, withContentSecurityPolicy } from './app-protocol';

const ROOT = '/opt/Porchlight/resources/app.asar/out/renderer';

describe('the app:// scheme serving the built renderer', () => {
  it('serves the index and assets with their type and the CSP header (frame-ancestors, no ws:)', () => {
    const index = resolveAppFile(APP_INDEX_URL, ROOT);
    expect(index).toEqual({
      ok: true,
      path: join(ROOT, 'index.html'),
      headers: expect.objectContaining({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': RENDERER_CSP_HEADER,
        'X-Frame-Options': 'DENY',
      }) as unknown,
    });
    expect(RENDERER_CSP_HEADER).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP_HEADER).not.toMatch(/ws:|127\.0\.0\.1/);
    expect(resolveAppFile('app://porchlight/', ROOT)).toMatchObject({ path: join(ROOT, 'index.html') });
    expect(resolveAppFile('app://porchlight/assets/index-abc.js?v=1#x', ROOT)).toMatchObject({
      ok: true,
      path: join(ROOT, 'assets/index-abc.js'),
      headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
    });
  });

  it('never answers with a file outside the renderer folder', () => {
    for (const url of [
      'app://porchlight/%2e%2e/%2e%2e/package.json',
      'app://porchlight/..%2F..%2Fmain/index.js',
      `app://porchlight/${'..%2f'.repeat(8)}etc/passwd`,
      'app://porchlight/assets/..%5c..%5cmain%5cindex.js',
    ]) {
      const file = resolveAppFile(url, ROOT);
      expect(!file.ok || file.path.startsWith(`${ROOT}/`), url).toBe(true);
    }
    expect(resolveAppFile('app://porchlight/..%2F..%2Fmain/index.js', ROOT)).toEqual({
      ok: false,
      status: 404,
    });
    expect(resolveAppFile('app://porchlight/assets/%00.js', ROOT).ok).toBe(false);
    expect(resolveAppFile('app://porchlight/%E0%A4%A', ROOT)).toEqual({ ok: false, status: 400 });
  });

  it('answers only our own host on our own scheme', () => {
    expect(resolveAppFile('app://elsewhere/index.html', ROOT)).toEqual({ ok: false, status: 404 });
    expect(resolveAppFile('file:///etc/passwd', ROOT)).toEqual({ ok: false, status: 404 });
  });

  it('puts our CSP on our own responses only, replacing any other', () => {
    const headers = { 'content-security-policy': ['default-src *'], 'x-other': ['1'] };
    expect(withContentSecurityPolicy(APP_INDEX_URL, APP_INDEX_URL, headers, RENDERER_CSP_HEADER)).toEqual({
      'x-other': ['1'],
      'Content-Security-Policy': [RENDERER_CSP_HEADER],
    });
    expect(
      withContentSecurityPolicy('https://example.com/', APP_INDEX_URL, headers, RENDERER_CSP_HEADER),
    ).toBe(headers);
  });

  it('tells our page from others (custom schemes have no origin in URL, so scheme and host)', () => {
    expect(isSameApp('app://porchlight/index.html#/leads/1', APP_INDEX_URL)).toBe(true);
    expect(isSameApp('app://other/index.html', APP_INDEX_URL)).toBe(false);
    expect(isSameApp('https://porchlight/index.html', APP_INDEX_URL)).toBe(false);
    expect(isSameApp('not a url', APP_INDEX_URL)).toBe(false);
  });
});
