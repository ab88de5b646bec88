// Loaded with `node --import tsx --import ./test/desktop/register-stand-in.ts out/main/index.js`:
// the built main bundle's `import … from 'electron'` resolves to the test's stand-in.
import { register } from 'node:module';

const standIn = new URL('./electron-stand-in.ts', import.meta.url).href;
const hooks = `export async function resolve(specifier, context, next) {
  // Handed on down the chain, so tsx's own resolve and load compile the TypeScript stand-in.
  return next(specifier === 'electron' ? ${JSON.stringify(standIn)} : specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
