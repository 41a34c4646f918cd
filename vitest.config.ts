import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests sit beside the code they pin (lib/**/*.test.ts); contract tests talk to the real sandbox.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.ts',
      'components/**/*.test.tsx',
      'tests/contract/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'tests/soak/**/*.test.ts',
    ],
    // Most tests are pure logic or talk HTTP to the sandbox: Node is enough. A file that needs a DOM says
    // so in its first line (`// @vitest-environment happy-dom`); building happy-dom for all 142 files cost
    // ~35 s of CI. One thread per core: Vitest's default leaves one of the CI machine's two cores idle.
    environment: 'node',
    pool: 'threads',
    minWorkers: availableParallelism(),
    maxWorkers: availableParallelism(),
    setupFiles: ['tests/unit/setup.ts'],
  },
});
