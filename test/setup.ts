import { afterAll, beforeAll } from 'vitest';
import { closeApi, serveApi } from '../emulator';

// The emulator's one msw server, listening for every test file from the start: a request that
// no test's handlers answer is an error, never a call to the network.
beforeAll(() => serveApi([]));
afterAll(() => closeApi());
