import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../../emulator';
import { ACCOUNT_KEY, PRO, STANDARD, TOKEN } from '../../emulator/contexts';
import { createFakeGoto, type SeedUser } from '../../emulator/fake-goto';
import type { ProvisioningResult } from '../../src/host/result';
import { expectedRun, read, USER_KEY } from '../support/context-reading';
import { builtScript, type ScriptName } from '../support/scenario';

/**
 * Hostile and odd contexts against the built scripts. For each one, the contract's reading of it
 * (test/support/context-reading.ts, not the scripts' own checks) decides what must happen: skipped with no call, rejected
 * as invalid-context with no call, or acted on, with every value from the context encoded in
 * the URLs. When the address is usable, the account holds a user with exactly that address
 * half of the time, so hostile addresses and keys reach the write paths too.
 */

const RUNS = 1000;
const SEED = 29112026;
const BASE = 'https://api.getgo.com/admin/rest/v1';

const INJECTIONS = [
  '"',
  ')',
  '(',
  '|',
  '/',
  '%2F',
  '\\',
  '\n',
  '\r',
  '\t',
  ' ',
  '+',
  '.',
  "'",
  '&',
  '?',
  '#',
  '*',
  '$',
  '^',
  '{',
  '}',
  '[',
  ']',
  '=',
  ',',
  ';',
  '%',
  '..',
  '../',
  'é',
  'İ',
  '😀',
  '\u0000',
  '\u200b',
  '\u2028',
];

const fragment = fc
  .array(fc.oneof(fc.constantFrom(...INJECTIONS), fc.stringMatching(/^[a-z0-9]{1,5}$/)), {
    minLength: 1,
    maxLength: 5,
  })
  .map((parts) => parts.join(''));

const email = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fragment, fragment).map(([local, domain]) => `${local}@${domain}`),
  },
  { weight: 1, arbitrary: fc.constant(`${'a'.repeat(10_000)}@example.com`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.anything() },
);

const licenseKey = fc.oneof(
  fc.constantFrom(
    STANDARD,
    PRO,
    '../',
    '1,2',
    ' 1 ',
    '1 2',
    `${STANDARD}/users/1`,
    '%2F',
    '-1',
    '1e3',
    '',
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 12 }),
);

const licenses = fc.oneof(fc.array(licenseKey, { maxLength: 4 }), licenseKey, fc.anything());

const accountKey = fc.oneof(
  { weight: 4, arbitrary: fc.constant<unknown>(ACCOUNT_KEY) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>('../x', 1e30, 123, '1 2', '%2F', '', null, 'abc'),
  },
);

const oauth = fc.oneof(
  {
    weight: 6,
    arbitrary: accountKey.map((key) => JSON.stringify({ account_key: key, access_token: TOKEN })),
  },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

const context = fc.record({
  OAuth2ProtocolConfiguration: oauth,
  ProvisionedUser: fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        MailAddress: email,
        FirstName: fc.oneof(fc.constant('Jane'), fc.anything()),
        LastName: fc.oneof(fc.constant('Doe'), fc.anything()),
      }),
    },
    { weight: 1, arbitrary: fc.anything() },
  ),
  Application: fc.record({
    ApplicationSettings: fc.record({
      Fields: fc.record({
        ApplicationLicenses: licenses,
        EnableAccountProvisioning: fc.oneof(
          { weight: 6, arbitrary: fc.constant<unknown>(true) },
          { weight: 1, arbitrary: fc.anything() },
        ),
      }),
    }),
  }),
});

/** Whether the account holds a user with the context's address, and which licenses they hold. */
const account = fc.record({ hasUser: fc.boolean(), holds: fc.subarray([STANDARD, PRO]) });

describe.each<ScriptName>(['provisioning', 'deprovisioning'])(
  '%s with fuzzed contexts',
  (script) => {
    it(`${RUNS} contexts (seed ${SEED}): each skipped, rejected or acted on as the contract reads it`, {
      timeout: 180_000,
    }, async () => {
      const code = builtScript(script);
      await fc.assert(
        fc.asyncProperty(context, account, async (input, holding) => {
          const reading = read(input);
          const user: SeedUser | undefined =
            reading.kind === 'usable' && holding.hasUser
              ? { email: reading.email, key: USER_KEY, licenseKeys: holding.holds }
              : undefined;
          const fake = createFakeGoto({
            filterMode: 'literal',
            accountKey: reading.kind === 'usable' ? reading.accountKey : ACCOUNT_KEY,
            licenses: [STANDARD, PRO].map((k) => ({ key: k, seats: 10 })),
            users: user ? [user] : [],
          });
          const run = await runBuiltScript({
            script: code,
            context: input,
            api: fake,
            rest: 'instant',
            settleMs: 0,
          });
          // The URLs exactly as the script wrote them, before any URL parser could normalise them.
          const urls = run.calls.map((call) => call.url);
          expect(run.doneCalls).toBe(1);
          const result = run.result as ProvisioningResult;
          expect(JSON.stringify(result)).not.toContain(TOKEN);

          if (reading.kind !== 'usable') {
            expect(urls).toEqual([]);
            expect({ outcome: result.outcome, error: result.error }).toEqual(
              reading.kind === 'skipped'
                ? { outcome: 'skipped', error: undefined }
                : { outcome: 'failed', error: 'invalid-context' },
            );
            return;
          }
          const expected = expectedRun(script, reading, user);
          expect({ outcome: result.outcome, error: result.error }).toEqual({
            outcome: expected.outcome,
            error: 'error' in expected ? expected.error : undefined,
          });
          const paths = urls.map((url) => {
            expect(url.startsWith(`${BASE}/`)).toBe(true);
            return url.slice(BASE.length);
          });
          if (reading.asksMe) expect(paths.shift()).toBe('/me');
          const [lookup, ...writes] = paths;
          const filter = `(email="${reading.email}") | (email="(?i)${reading.email.replace(/[\\^$.|?*+()[\]{}]/g, '.')}")`;
          expect(lookup).toBe(
            `/accounts/${encodeURIComponent(reading.accountKey)}/users?filter=${encodeURIComponent(filter)}&offset=0&pageSize=100`,
          );
          const methods = result.calls.slice(reading.asksMe ? 2 : 1).map((call) => call.method);
          expect(writes.map((path, i) => `${methods[i]} ${path}`)).toEqual(expected.writes);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  },
);
