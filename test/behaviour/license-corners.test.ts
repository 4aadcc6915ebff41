import { describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, PRO, STANDARD } from '../../emulator/contexts';
import { callLines, runInEveryEngine } from '../support/both-engines';

/**
 * The license calls where GoTo's answer is unconfirmed: a refused comma-joined path, a 409 on an
 * assignment (GoTo's services: "already licensed"), a 422 (their "no seat").
 */

const EMAIL = 'jane.doe@example.com';
const USER_KEY = '7000000000000000042';
const BOTH = [STANDARD, PRO];
const licensePath = (keys: string[]) =>
  `/accounts/${ACCOUNT_KEY}/licenses/${keys.join(',')}/users/${USER_KEY}`;
const LOOKUP = `GET /accounts/${ACCOUNT_KEY}/users 200`;
const user = (licenseKeys: string[]) => ({ email: EMAIL, key: USER_KEY, licenseKeys });
/** A lookup answer from before another change gave the user their licenses. */
const staleLookup = (licenseKeys: string[]) => ({
  method: 'GET',
  path: /\/users\?/,
  respond: {
    status: 200,
    body: JSON.stringify({
      results: [{ key: USER_KEY, email: EMAIL, licenseKeys }],
      fromIndex: 0,
      toIndex: 1,
      total: 1,
    }),
  },
});

describe('a refused comma-joined license path', () => {
  it.each([400, 404, 405] as const)(
    'provisioning: %s, then one call per key, and the message says so',
    async (status) => {
      const { result, fake } = await runInEveryEngine({
        script: 'provisioning',
        fake: { users: [user([])], licenseRules: { joinedKeys: status } },
        context: { licenses: BOTH },
      });
      expect(result).toMatchObject({ outcome: 'licensed', userKey: USER_KEY, licenseKeys: BOTH });
      expect(result.message).toBe(
        `Assigned licenses ${STANDARD}, ${PRO} to GoTo user ${EMAIL} (key ${USER_KEY}). GoTo refused several license keys in one call, so each key was sent on its own.`,
      );
      expect(callLines(result)).toEqual([
        LOOKUP,
        `POST ${licensePath(BOTH)} ${status}`,
        `POST ${licensePath([STANDARD])} 204`,
        `POST ${licensePath([PRO])} 204`,
      ]);
      expect(fake.user(EMAIL)?.licenseKeys).toEqual(BOTH);
    },
  );

  it('de-provisioning: removes each key on its own after a 405', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'deprovisioning',
      fake: { users: [user(BOTH)], licenseRules: { joinedKeys: 405 } },
      context: { licenses: BOTH },
    });
    expect(result).toMatchObject({ outcome: 'unlicensed', userKey: USER_KEY, licenseKeys: BOTH });
    expect(result.message).toContain('each key was sent on its own');
    expect(callLines(result)).toEqual([
      LOOKUP,
      `DELETE ${licensePath(BOTH)} 405`,
      `DELETE ${licensePath([STANDARD])} 204`,
      `DELETE ${licensePath([PRO])} 204`,
    ]);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([]);
  });

  it('de-provisioning: a refusal after the first key was removed names the key taken back', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'deprovisioning',
      fake: { users: [user(BOTH)], licenseRules: { joinedKeys: 405 } },
      faults: [
        { method: 'DELETE', path: new RegExp(`/licenses/${PRO}/users/`), respond: { status: 500 } },
      ],
      context: { licenses: BOTH },
    });
    expect(result).toMatchObject({
      outcome: 'failed',
      error: 'api-error',
      userKey: USER_KEY,
      licenseKeys: [STANDARD],
    });
    expect(result.message).toMatch(
      new RegExp(
        `^GoTo answered 500, .* while removing licenses ${PRO} from user ${USER_KEY}\\. Licenses ${STANDARD} were removed before that, each in its own call; run the workflow again to finish\\.$`,
      ),
    );
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([PRO]);
  });

  it('one key never needs the fallback: a 404 on it is the answer', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      fake: { users: [user([])], licenseRules: { joinedKeys: 404 } },
      faults: [{ method: 'POST', respond: { status: 404 } }],
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'api-error', userKey: USER_KEY });
    expect(result.licenseKeys).toBeUndefined();
    expect(result.message).not.toContain('each key was sent on its own');
    expect(callLines(result)).toEqual([LOOKUP, `POST ${licensePath([STANDARD])} 404`]);
  });

  it('a refusal after the first key went through fails, naming the key that was assigned', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      fake: {
        users: [user([])],
        licenseRules: { joinedKeys: 400 },
        licenses: [
          { key: STANDARD, seats: 10 },
          { key: PRO, seats: 0 },
        ],
      },
      context: { licenses: BOTH },
    });
    expect(result).toMatchObject({
      outcome: 'failed',
      error: 'no-seats',
      userKey: USER_KEY,
      licenseKeys: [STANDARD],
    });
    expect(result.message).toContain(`Licenses ${STANDARD} were assigned before that`);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([STANDARD]);
  });

  it('the refusal is remembered for the rest of the run: after a lost answer, one key a call at once', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      fake: { users: [user([])], licenseRules: { joinedKeys: 400 } },
      faults: [
        {
          method: 'POST',
          path: new RegExp(`/licenses/${STANDARD}/users/`),
          respond: { networkError: true },
        },
      ],
      context: { licenses: BOTH },
    });
    expect(result).toMatchObject({ outcome: 'licensed', userKey: USER_KEY, licenseKeys: BOTH });
    expect(callLines(result)).toEqual([
      LOOKUP,
      `POST ${licensePath(BOTH)} 400`,
      `POST ${licensePath([STANDARD])} null`,
      LOOKUP,
      `POST ${licensePath([STANDARD])} 204`,
      `POST ${licensePath([PRO])} 204`,
    ]);
    expect(result.message).toContain('each key was sent on its own');
    expect(fake.user(EMAIL)?.licenseKeys).toEqual(BOTH);
  });

  it('a second run after a partial one sends only what is missing, one key a call', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      fake: { users: [user([STANDARD])], licenseRules: { joinedKeys: 400 } },
      context: { licenses: BOTH },
    });
    expect(result).toMatchObject({ outcome: 'licensed', userKey: USER_KEY, licenseKeys: [PRO] });
    expect(result.message).not.toContain('each key was sent on its own');
    expect(callLines(result)).toEqual([LOOKUP, `POST ${licensePath([PRO])} 204`]);
  });
});

describe('an assignment answered 409 or 422', () => {
  it('409 because another change got there first: read back, unchanged, and said so', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      fake: { users: [user([STANDARD])], licenseRules: { alreadyHeld: 409 } },
      faults: [staleLookup([])],
    });
    expect(result).toMatchObject({ outcome: 'unchanged', userKey: USER_KEY, licenseKeys: [] });
    expect(result.message).toContain('another change got there first');
    expect(callLines(result)).toEqual([LOOKUP, `POST ${licensePath([STANDARD])} 409`, LOOKUP]);
  });

  it('409 on the second of two one-key calls, both now held: licensed', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      fake: { users: [user([PRO])], licenseRules: { joinedKeys: 404, alreadyHeld: 409 } },
      faults: [staleLookup([])],
      context: { licenses: BOTH },
    });
    expect(result).toMatchObject({ outcome: 'licensed', userKey: USER_KEY, licenseKeys: BOTH });
    expect(result.message).toContain('another change got there first');
    expect(callLines(result)).toEqual([
      LOOKUP,
      `POST ${licensePath(BOTH)} 404`,
      `POST ${licensePath([STANDARD])} 204`,
      `POST ${licensePath([PRO])} 409`,
      LOOKUP,
    ]);
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([PRO, STANDARD]);
  });

  it("409 and the keys still missing: failed, with GoTo's code", async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      fake: { users: [user([])] },
      faults: [
        {
          method: 'POST',
          respond: { status: 409, body: '{"errors":[{"code":"license.assignment.conflict"}]}' },
        },
      ],
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'api-error', userKey: USER_KEY });
    expect(result.licenseKeys).toBeUndefined();
    expect(result.message).toContain('code license.assignment.conflict');
    expect(callLines(result)).toEqual([LOOKUP, `POST ${licensePath([STANDARD])} 409`, LOOKUP]);
  });

  it('422 and the keys still missing: no-seats', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      fake: { users: [user([])] },
      faults: [{ method: 'POST', respond: { status: 422 } }],
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'no-seats', userKey: USER_KEY });
    expect(result.licenseKeys).toBeUndefined();
    expect(result.message).toContain('422');
    expect(callLines(result)).toEqual([LOOKUP, `POST ${licensePath([STANDARD])} 422`, LOOKUP]);
  });

  it("the fake's 422 for a license without a free seat is no-seats too", async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      fake: {
        users: [user([])],
        licenseRules: { noSeatStatus: 422 },
        licenses: [{ key: STANDARD, seats: 0 }],
      },
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'no-seats', userKey: USER_KEY });
    expect(result.licenseKeys).toBeUndefined();
    expect(fake.user(EMAIL)?.licenseKeys).toEqual([]);
  });
});
