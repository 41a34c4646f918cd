// @vitest-environment node
// The repository stands alone: a clone with nothing beside it must build, run and pass its tests.
// Nothing may read the sibling folder the team keeps its shared notes in.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApiPath, openApiSpec } from '../support/openapi';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Built from parts so this file does not name it itself.
const SIBLING = ['..', 'shared'].join('/');
const CODE = /\.(ts|tsx|js|mjs|cjs|json|html|css|sh|yml|yaml)$|^\.ci\/run$/;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('a fresh clone stands alone', () => {
  it('no source, test, script or config file names the sibling shared folder', () => {
    const offenders = trackedFiles()
      .filter((f) => CODE.test(f) && f !== 'package-lock.json')
      .filter((f) => readFileSync(path.join(root, f), 'utf8').includes(SIBLING));
    expect(offenders).toEqual([]);
  });

  it('the OpenAPI subset is read from inside the repository', () => {
    const rel = path.relative(root, openApiPath);
    expect(rel.startsWith('..')).toBe(false);
    expect(trackedFiles()).toContain(rel.split(path.sep).join('/'));
    expect(Object.keys(openApiSpec().paths)).toContain('/time/entries/{id}');
  });
});
