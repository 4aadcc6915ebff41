import { hostContext } from '../../emulator/contexts';
import type { FakeGoto } from '../../emulator/fake-goto';
import { expectCleanEnd } from './expectations';
import { type RunOptions, runScript } from './scenario';

/** The built provisioning script against a fake, with the checks every run must pass. */
export async function provision(fake: FakeGoto, context = hostContext(), options: RunOptions = {}) {
  const run = await runScript('provisioning', fake, context, options);
  expectCleanEnd(run);
  return run;
}

/** A run's calls as `METHOD status`, in order. */
export const calls = (run: Awaited<ReturnType<typeof provision>>) =>
  run.result.calls.map((c) => `${c.method} ${c.status}`);
