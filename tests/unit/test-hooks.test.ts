// @vitest-environment node
// The e2e build exposes a hook on the background (lib/background/test-hooks.ts) that drives the idle
// state and session time. Production must never contain it: it is installed only under the build-time
// constant `import.meta.env.MODE === 'e2e'`, which Vite replaces and Rollup drops (with the import) in
// every other mode. This pins that shape, like manifest.test.ts pins the loopback permissions.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

describe('background test hooks', () => {
  it('only the background entrypoint imports them', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.test.ts'));
    const importers = files.filter((f) => /from ['"][^'"]*background\/test-hooks['"]/.test(read(f)));
    expect(importers).toEqual(['entrypoints/background.ts']);
  });

  it('are installed only when the build mode is e2e', () => {
    const calls = read('entrypoints/background.ts')
      .split('\n')
      .filter((l) => l.includes('installTestHooks') && !l.trimStart().startsWith('import'));
    expect(calls.map((l) => l.trim())).toEqual(["if (import.meta.env.MODE === 'e2e') installTestHooks();"]);
  });

  it('the hook module does nothing when imported (so an unused import is dropped whole)', () => {
    const topLevel = read('lib/background/test-hooks.ts')
      .split('\n')
      .filter(
        (l) =>
          /^[^\s/}]/.test(l) &&
          !/^(import|export (function|interface|type)|function|interface|type)\b/.test(l),
      );
    expect(topLevel).toEqual([]);
  });
});
