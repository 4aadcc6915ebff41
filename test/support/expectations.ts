import { expect } from 'vitest';
import { TOKEN } from '../../emulator/contexts';
import type { ScenarioRun } from './scenario';

/**
 * What holds after every run, whatever happened: no token in the result, and `ok` and `error`
 * telling the same story as the outcome. (Exactly one `done` is checked by `runScript` itself.)
 */
export function expectCleanEnd(run: ScenarioRun, token: string = TOKEN): void {
  expect(JSON.stringify(run.result)).not.toContain(token);
  expect(run.result.ok).toBe(run.result.outcome !== 'failed');
  expect(run.result.error === undefined).toBe(run.result.outcome !== 'failed');
}
