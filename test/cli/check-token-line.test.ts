import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../cli/account/check';
import { DEFAULT_ME_EMAIL } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { callCommand, settingsFile } from '../support/admin-tools';

/** The check's token line names whom the token belongs to, as GoTo's `GET /me` gives them. */

const tokenLine = async (meBody?: string) => {
  const fake = fakeAccount({ users: [{ email: DEFAULT_ME_EMAIL }] });
  if (meBody !== undefined) {
    fake.inject({ method: 'GET', path: '/me', respond: { status: 200, body: meBody } });
  }
  const done = await callCommand(fake, checkCommand, [settingsFile(), '--json']);
  const report = JSON.parse(done.stdout);
  return report.checks.find((line: { check: string }) => line.check === 'token');
};

describe('check: the token line', () => {
  it("names the admin's address and their user key from GET /me", async () => {
    expect(await tokenLine()).toMatchObject({
      status: 'pass',
      message: `The token is accepted with the Admin Center scope; it belongs to ${DEFAULT_ME_EMAIL} (user 8000000000000000001).`,
    });
  });

  it('leaves the user key out when GET /me gives none', async () => {
    const line = await tokenLine(
      '{"email":"admin@example.com","accountKey":"1000000000000000001","accounts":[{"key":"1000000000000000001","name":"Acme","adminRoles":["SUPER_USER"]}]}',
    );
    expect(line).toMatchObject({
      status: 'pass',
      message: `The token is accepted with the Admin Center scope; it belongs to ${DEFAULT_ME_EMAIL}.`,
    });
  });
});
