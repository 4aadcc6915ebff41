import { expect } from 'vitest';
import { TOKEN } from '../../emulator/contexts';
import type { ScenarioRun } from './scenario';

/** What holds after every run, whatever happened: one `done`, and no token in the result. */
export function expectCleanEnd(run: ScenarioRun, token: string = TOKEN): void {
  expect(run.doneCalls).toBe(1);
  expect(JSON.stringify(run.result)).not.toContain(token);
  expect(run.result.ok).toBe(run.result.outcome !== 'failed');
  expect(run.result.error === undefined).toBe(run.result.outcome !== 'failed');
}
