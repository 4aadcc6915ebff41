import { describe, expect, it } from 'vitest';
import { instantClock } from '../../emulator';
import { ACCOUNT_KEY, STANDARD, TOKEN } from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';
import { createInstantRest } from '../../emulator/host/instant-rest';
import { callLines, runInEveryEngine } from '../support/both-engines';

/** GoTo Admin Center's limits: 32 characters per name, 128 per address. */

const LONG_FIRST = 'Maximiliane-Charlotte Alexandrina'; // 33
const domain = '@example.com';

describe('names over 32 characters', () => {
  it('are cut to 32 and the message says so; the fake would refuse them whole', async () => {
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      context: { firstName: LONG_FIRST, lastName: 'Doe' },
    });
    expect(result.outcome).toBe('created');
    const cut = LONG_FIRST.slice(0, 32);
    expect(fake.user('jane.doe@example.com')?.firstName).toBe(cut);
    expect(result.message).toContain(
      `GoTo accepts at most 32 characters per name, so ProvisionedUser.FirstName was shortened to "${cut}"`,
    );
  });

  it('are never cut inside a surrogate pair', async () => {
    const last = `${'x'.repeat(31)}😀 and more`; // the emoji takes units 32 and 33
    const first = `${'y'.repeat(30)} z${'w'.repeat(5)}`; // a cut at 32 ends in "z"
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      context: { firstName: first, lastName: last },
    });
    expect(result.outcome).toBe('created');
    const created = fake.user('jane.doe@example.com');
    expect(created?.lastName).toBe('x'.repeat(31));
    expect(created?.firstName).toBe(`${'y'.repeat(30)} z`);
    expect(result.message).toContain(
      `ProvisionedUser.FirstName and ProvisionedUser.LastName was shortened to "${'y'.repeat(30)} z" and "${'x'.repeat(31)}"`,
    );
  });

  it('keep a surrogate pair that ends exactly at the cut', async () => {
    const first = `${'y'.repeat(30)}😀 and more`; // the emoji takes units 31 and 32
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      context: { firstName: first },
    });
    expect(result.outcome).toBe('created');
    expect(fake.user('jane.doe@example.com')?.firstName).toBe(`${'y'.repeat(30)}😀`);
  });

  it('drop the blanks a cut leaves at the end', async () => {
    const first = `${'y'.repeat(29)}   and more`; // units 30 to 32 are blanks
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      context: { firstName: first },
    });
    expect(result.outcome).toBe('created');
    expect(fake.user('jane.doe@example.com')?.firstName).toBe('y'.repeat(29));
    expect(result.message).toContain(
      `ProvisionedUser.FirstName was shortened to "${'y'.repeat(29)}".`,
    );
  });

  it('a name of exactly 32 characters is sent whole, with nothing said', async () => {
    const exact = 'A'.repeat(32);
    const { result, fake } = await runInEveryEngine({
      script: 'provisioning',
      context: { firstName: exact },
    });
    expect(fake.user('jane.doe@example.com')?.firstName).toBe(exact);
    expect(result.message).not.toContain('shortened');
  });
});

describe('addresses over 128 characters', () => {
  it.each([['provisioning' as const], ['deprovisioning' as const]])(
    '%s: invalid-context naming the limit, before any call',
    async (script) => {
      const email = `${'a'.repeat(129 - domain.length)}${domain}`;
      const { result } = await runInEveryEngine({ script, context: { email } });
      expect(result).toMatchObject({ outcome: 'failed', error: 'invalid-context' });
      expect(result.message).toContain('has 129 characters; GoTo accepts at most 128');
      expect(result.calls).toEqual([]);
    },
  );

  it('an address of exactly 128 characters is served', async () => {
    const email = `${'a'.repeat(128 - domain.length)}${domain}`;
    const { result } = await runInEveryEngine({ script: 'provisioning', context: { email } });
    expect(result.outcome).toBe('created');
    expect(callLines(result)).toHaveLength(2);
  });
});

describe('the fake enforces the limits', () => {
  const create = async (user: Record<string, string>) => {
    const fake = createFakeGoto({ licenses: [{ key: STANDARD, seats: 1 }] });
    const rest = createInstantRest(fake.handlers, instantClock);
    return new Promise<{ status: number; body: unknown }>((resolve) => {
      rest
        .post(`${fake.options.baseUrl}/accounts/${ACCOUNT_KEY}/users`, {
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
          data: JSON.stringify({ users: [user], licenseKeys: [STANDARD] }),
        })
        .on('complete', (body, response) =>
          resolve({ status: (response as { statusCode: number }).statusCode, body }),
        );
    });
  };

  it.each([
    [
      'a first name of 33',
      { email: 'a@example.com', firstName: 'F'.repeat(33), lastName: 'L' },
      'user.name.too.long',
    ],
    [
      'a last name of 33',
      { email: 'a@example.com', firstName: 'F', lastName: 'L'.repeat(33) },
      'user.name.too.long',
    ],
    [
      'an address of 129',
      { email: `${'a'.repeat(117)}${domain}`, firstName: 'F', lastName: 'L' },
      'user.email.too.long',
    ],
  ])('refuses %s with 400', async (_, user, code) => {
    const answer = await create(user);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(code);
  });
});
