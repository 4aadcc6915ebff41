import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../emulator';
import { ACCOUNT_KEY, PRO, STANDARD, TOKEN } from '../emulator/contexts';
import { createFakeGoto } from '../emulator/fake-goto';
import { emailFilter } from '../src/goto/filter';
import type { ProvisioningResult } from '../src/host/result';
import { builtScript, type ScriptName } from './support/scenario';

/**
 * Hostile and odd contexts: every value is either handled correctly or rejected as
 * `invalid-context` before any call, and nothing from the context reaches a URL unencoded.
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
        FirstName: fc.anything(),
        LastName: fc.anything(),
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

/** What a URL the script builds may look like: known routes, plain keys, an encoded filter. */
const PATH =
  /^\/me$|^\/accounts\/\d+\/(users|users\/[A-Za-z0-9]+|licenses\/[A-Za-z0-9]+(,[A-Za-z0-9]+)*\/users\/[A-Za-z0-9]+)$/;
const QUERY = /^filter=[A-Za-z0-9\-_.!~*'()%]*&offset=\d+&pageSize=\d+$/;

describe.each<ScriptName>(['provisioning', 'deprovisioning'])(
  '%s with fuzzed contexts',
  // A thousand runs are CPU-bound: on a shared, loaded machine they need more than the default timeout.
  { timeout: 120_000 },
  (script) => {
    it(`${RUNS} contexts (seed ${SEED}): handled or invalid-context, never an unencoded URL`, async () => {
      const code = builtScript(script);
      await fc.assert(
        fc.asyncProperty(context, async (input) => {
          const fake = createFakeGoto({
            licenses: [STANDARD, PRO].map((key) => ({ key, seats: 10 })),
            users: [{ email: 'jane.doe@example.com' }],
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
          if (result.error === 'invalid-context' && result.message.includes('No GoTo call')) {
            expect(urls).toEqual([]);
          }
          if (result.outcome === 'skipped') expect(urls).toEqual([]);
          for (const url of urls) {
            expect(url.startsWith(`${BASE}/`)).toBe(true);
            const [path = '', query] = url.slice(BASE.length).split('?');
            expect(path).toMatch(PATH);
            if (query !== undefined) {
              expect(query).toMatch(QUERY);
              const filter = decodeURIComponent(query.replace(/^filter=([^&]*)&.*$/, '$1'));
              expect(filter).toBe(emailFilter(result.email));
            }
          }
          if (urls.length > 0) {
            expect(result.email).toMatch(/^[^@"()/\\\s]+@[^@"()/\\\s]+$/);
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  },
);
