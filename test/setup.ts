import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeApi, serveApi } from '../emulator';

// Every temporary folder a test file makes, in this process or in a command it starts, goes under
// one folder of its own (os.tmpdir() follows TMPDIR), which is removed after the file's tests.
const ownTemp = mkdtempSync(join(tmpdir(), 'goto-tests-'));
const previousTemp = process.env.TMPDIR;
process.env.TMPDIR = ownTemp;
// No test reads or writes the sign-in of the person running the tests.
process.env.GOTO_MYWORKSPACE_CONFIG_DIR = join(ownTemp, 'config');

// The emulator's one msw server, listening for every test file from the start: a request that
// no test's handlers answer is an error, never a call to the network.
beforeAll(() => serveApi([]));
afterAll(() => {
  closeApi();
  if (previousTemp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTemp;
  rmSync(ownTemp, { recursive: true, force: true });
});
