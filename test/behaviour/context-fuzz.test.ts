import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuiltScript } from '../../emulator';
import { ACCOUNT_KEY, PRO, STANDARD, TOKEN } from '../../emulator/contexts';
import { createFakeGoto, type SeedUser } from '../../emulator/fake-goto';
import type { ProvisioningResult } from '../../src/host/result';
import { expectedRun, read, USER_KEY } from '../support/context-reading';
import { fuzzContext } from '../support/fuzz-contexts';
import { builtScript, type ScriptName } from '../support/scenario';

/**
 * Hostile and odd contexts against the built scripts, most of them usable so that the runs reach
 * the lookup and the decisions. Each context is made from families whose verdict the contract
 * gives (test/support/fuzz-contexts.ts); the oracle (test/support/context-reading.ts) says what
 * must happen: skipped with no call, rejected as invalid-context naming the broken field with no
 * call, or acted on with exactly the documented calls, outcome, keys and message. Half of the
 * time the account holds a user with exactly the fuzzed address, so hostile addresses and keys
 * reach the write paths too. The share of runs that got that far is counted and must stay high.
 */

const RUNS = 1000;
const SEED = 29112026;
const BASE = 'https://api.getgo.com/admin/rest/v1';
/** Regex metacharacters, as docs/goto-admin-api.md lists them for the filter's second clause. */
const METACHARACTERS = [...'\\^$.|?*+()[]{}'];
/** What encodeURIComponent may leave in a query value (RFC 3986's unreserved, and its marks). */
const ENCODED = /^[A-Za-z0-9\-_.!~*'()%]*$/;

/** Whether the account holds a user with the context's address, and which licenses they hold. */
const account = fc.record({ hasUser: fc.boolean(), holds: fc.subarray([STANDARD, PRO]) });

/**
 * The lookup's filter, checked against the documented rule rather than rebuilt: the first
 * clause is the address itself; the second is `(?i)` and the address with each metacharacter
 * the documentation lists as a `.`, which, read as a regular expression ignoring case, matches
 * the address.
 */
function expectFilterFinds(filter: string, email: string): void {
  const opening = `(email="${email}") | (email="(?i)`;
  expect(filter.startsWith(opening) && filter.endsWith('")')).toBe(true);
  const pattern = filter.slice(opening.length, -2);
  const given = [...email];
  expect([...pattern]).toEqual(given.map((ch) => (METACHARACTERS.includes(ch) ? '.' : ch)));
  expect(new RegExp(`^${pattern}$`, 'iu').test(email)).toBe(true);
}

describe.each<ScriptName>(['provisioning', 'deprovisioning'])(
  '%s with fuzzed contexts',
  (script) => {
    const reached = { usable: 0, askedMe: 0, wrote: 0, outcomes: new Map<string, number>() };
    afterAll(() => {
      const outcomes = [...reached.outcomes].map(([o, n]) => `${o} ${n}`).join(', ');
      console.log(
        `${script}: ${reached.usable} of ${RUNS} contexts usable, ${reached.askedMe} asked GET /me, ${reached.wrote} sent a write; ${outcomes}`,
      );
    });

    it(`${RUNS} contexts (seed ${SEED}): each skipped, rejected or acted on as the contract reads it, most acted on`, {
      timeout: 180_000,
    }, async () => {
      const code = builtScript(script);
      await fc.assert(
        fc.asyncProperty(fuzzContext, account, async (drawn, holding) => {
          const reading = read(drawn);
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
            context: structuredClone(drawn.context),
            api: fake,
            rest: 'instant',
            settleMs: 'quiet',
          });
          // The URLs exactly as the script wrote them, before any URL parser could normalise them.
          const urls = run.calls.map((call) => call.url);
          expect(run.doneCalls).toBe(1);
          const result = run.result as ProvisioningResult;
          expect(JSON.stringify(result)).not.toContain(TOKEN);
          expect(result.email).toBe(drawn.echoed);
          const outcome = `${result.outcome}${result.error ? `/${result.error}` : ''}`;
          reached.outcomes.set(outcome, (reached.outcomes.get(outcome) ?? 0) + 1);

          if (reading.kind !== 'usable') {
            expect(urls).toEqual([]);
            expect({ outcome: result.outcome, error: result.error }).toEqual(
              reading.kind === 'skipped'
                ? { outcome: 'skipped', error: undefined }
                : { outcome: 'failed', error: 'invalid-context' },
            );
            expect(result.message).toContain(
              reading.kind === 'skipped' ? 'EnableAccountProvisioning' : reading.names,
            );
            expect(result).not.toHaveProperty('accountKey');
            return;
          }
          reached.usable += 1;
          const expected = expectedRun(script, reading, user);
          expect({ outcome: result.outcome, error: result.error }).toEqual({
            outcome: expected.outcome,
            error: expected.error,
          });
          expect(result.accountKey).toBe(reading.accountKey);
          if (expected.userKey === 'created') expect(result.userKey).toMatch(/^\d+$/);
          else expect(result.userKey).toBe(expected.userKey);
          expect(result.licenseKeys).toEqual(expected.licenseKeys);
          for (const words of expected.says) expect(result.message).toContain(words);

          const paths = urls.map((url) => {
            expect(url.startsWith(`${BASE}/`)).toBe(true);
            return url.slice(BASE.length);
          });
          if (reading.asksMe) {
            expect(paths.shift()).toBe('/me');
            reached.askedMe += 1;
          }
          const [lookup, ...writes] = paths;
          const query = `/accounts/${reading.accountKey}/users?filter=`;
          expect(lookup?.startsWith(query)).toBe(true);
          expect(lookup?.endsWith('&offset=0&pageSize=100')).toBe(true);
          const filter = (lookup as string).slice(query.length, -'&offset=0&pageSize=100'.length);
          expect(filter).toMatch(ENCODED);
          expectFilterFinds(decodeURIComponent(filter), reading.email);
          const methods = result.calls.slice(reading.asksMe ? 2 : 1).map((call) => call.method);
          expect(writes.map((path, i) => `${methods[i]} ${path}`)).toEqual(expected.writes);
          if (writes.length > 0) reached.wrote += 1;
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // Most contexts must reach the decisions, and every kind of decision must be reached.
      expect(reached.usable).toBeGreaterThan(RUNS * 0.55);
      expect(reached.askedMe).toBeGreaterThan(RUNS * 0.15);
      expect(reached.wrote).toBeGreaterThan(RUNS * 0.15);
      const kinds =
        script === 'provisioning'
          ? ['created', 'licensed', 'unchanged', 'failed/invalid-context', 'failed/api-error']
          : ['unlicensed', 'unchanged', 'not-found', 'failed/invalid-context', 'skipped'];
      for (const kind of kinds) expect(reached.outcomes.get(kind) ?? 0).toBeGreaterThan(20);
    });
  },
);
