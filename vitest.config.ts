import { defineConfig } from 'vitest/config';

/**
 * One project per test room, so that a subset can run alone: `npm run test:fast` runs the quick
 * rooms (units, the build, the emulator) and `npm test` runs them all.
 */
const ROOMS = ['behaviour', 'unit', 'build', 'cli', 'emulator', 'scripts'] as const;

export default defineConfig({
  test: {
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
    // The JSON report lets CI print one "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'out/test-results.json' },
    projects: ROOMS.map((room) => ({
      extends: true,
      test: { name: room, include: [`test/${room}/**/*.test.ts`] },
    })),
  },
});
