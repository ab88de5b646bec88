import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import type { Plugin } from 'vite';
import { RENDERER_CSP_META } from './src-shared/security/content-security-policy';

/**
 * The renderer's Content-Security-Policy, added to the built index.html only (the dev
 * server's hot reload needs inline scripts). Both shells also send it as a header.
 */
const contentSecurityPolicy: Plugin = {
  name: 'porchlight-csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: RENDERER_CSP_META,
      },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: { rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-main/electron/main.ts') } } },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/preload/preload.ts') },
        // Sandboxed preloads cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    plugins: [react(), contentSecurityPolicy],
    build: { rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } } },
  },
});
