// The lint rules that keep the house in order really fire: the fixtures break them on purpose
// (they are ignored by `npm run lint` and linted here with ignores off).
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

async function ruleIdsOf(file: string): Promise<string[]> {
  // The import rules need no type information; without it the fixtures lint in seconds.
  const eslint = new ESLint({ ignore: false, overrideConfig: tseslint.configs.disableTypeChecked });
  const [result] = await eslint.lintFiles([`test/lint-fixtures/${file}`]);
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint rules', () => {
  it('an import cycle fails lint', async () => {
    expect(await ruleIdsOf('src-main/core/cycle-a.ts')).toContain('import-x/no-cycle');
    expect(await ruleIdsOf('src-main/core/cycle-b.ts')).toContain('import-x/no-cycle');
  });

  it('a production import of core/testing fails lint', async () => {
    expect(await ruleIdsOf('src-main/core/uses-testing.ts')).toContain('import-x/no-restricted-paths');
  });

  it('a document event emitted by hand fails lint', async () => {
    expect(await ruleIdsOf('src-main/core/emits-document-event.ts')).toContain('no-restricted-syntax');
  });
});
