import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import { serveApi } from '../../emulator';
import { createFakeGoto, type FakeGoto } from '../../emulator/fake-goto';
import { DEFAULT_OPTIONS } from '../../src/options';
import { readSeedFile } from './seed';
import { UsageError } from './usage';

/**
 * `--fake [seed file]`: the built-in fake GoTo API answers in this process, seeded from a file, so
 * that a command can be tried with no tenant and no token. Every request is intercepted before it
 * leaves the process (an unknown one is an error, never a call to the network), and the fake's
 * own token is used: no real token is read, so none can be sent.
 */

/** The example seed that ships with the program (the same file from a clone or an install). */
export const DEFAULT_SEED = fileURLToPath(new URL('../../examples/seed.json', import.meta.url));

/** The fake's token: not a secret, and accepted by the fake only. */
export const FAKE_TOKEN = 'local-fake-token';

export interface FakeApi {
  /** Where the fake answers: pass it to the GoTo client as its base URL. */
  baseUrl: string;
  /** The token the fake accepts. */
  token: string;
  fake: FakeGoto;
}

/** The option as every command that reads or changes GoTo offers it. */
export function fakeOption(): Option {
  return new Option(
    '--fake [seed]',
    'answer from the built-in fake GoTo API in this process, seeded from a JSON file (default: the example seed, examples/seed.json); needs no tenant and no token',
  );
}

/**
 * Starts the fake, seeded from `seed` (`true`: the option without a file, the example seed), at
 * `baseUrl` (GoTo's own by default, so output reads as it would against GoTo).
 */
export function fakeApiFor(
  seed: string | true,
  baseUrl: string = DEFAULT_OPTIONS.apiBaseUrl,
): FakeApi {
  const path = seed === true ? DEFAULT_SEED : seed;
  let fake: FakeGoto;
  try {
    fake = createFakeGoto({ ...readSeedFile(path), baseUrl, token: FAKE_TOKEN });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // The fake's own checks: holders of a license it does not list, more holders than seats.
    throw new UsageError(
      `seed file ${path}: ${(error as Error).message.replace(/^fake GoTo: /, '')}`,
    );
  }
  serveApi(fake.handlers);
  return { baseUrl: fake.options.baseUrl, token: FAKE_TOKEN, fake };
}
