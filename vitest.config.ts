import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
    // The JSON report lets CI print one "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'out/test-results.json' },
  },
});
