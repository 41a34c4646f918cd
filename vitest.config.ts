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
    environment: 'happy-dom',
    setupFiles: ['tests/unit/setup.ts'],
  },
});
