import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRO, STANDARD } from '../../emulator/contexts';
import { createFakeGoto, DEFAULT_ME_EMAIL, type FakeGoto } from '../../emulator/fake-goto';
import { settingsFile, tempFile } from '../support/admin-tools';
import { serveOverHttp } from '../support/fake-over-http';
import { runAsProcess } from '../support/tools';

/** `check` and `audit` as an administrator runs them: separate processes, exit codes. */

const SECRET = 'tok-from-env-5d2e8c1a9f7b4e36';

function cli(args: string[], token = SECRET) {
  return runAsProcess(args, { GOTO_ACCESS_TOKEN: token });
}

let served: Awaited<ReturnType<typeof serveOverHttp>>;
let fake: FakeGoto;

beforeAll(async () => {
  served = await serveOverHttp((baseUrl) =>
    createFakeGoto({
      baseUrl,
      token: SECRET,
      licenses: [
        { key: STANDARD, seats: 3, description: 'GoToMeeting Standard' },
        { key: PRO, seats: 1, description: 'GoToMeeting Pro' },
      ],
      users: [
        { email: DEFAULT_ME_EMAIL, licenseKeys: [STANDARD] },
        { email: 'left@example.com', licenseKeys: [PRO] },
      ],
    }),
  );
  fake = served.fake;
});
afterAll(() => served.close());

describe('check and audit as processes, over plain http to 127.0.0.1', () => {
  it('check exits 0 when nothing failed, and keeps the token out of its output', async () => {
    const done = await cli(['check', settingsFile(), '--api-base-url', served.baseUrl]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('0 failed, 0 warnings, 6 passed');
    expect(done.stdout).not.toContain(SECRET);
  });

  it('check exits 1 when something failed', async () => {
    const done = await cli([
      'check',
      settingsFile({ licenses: [STANDARD, '6000000000000000999'] }),
      '--api-base-url',
      served.baseUrl,
    ]);
    expect(done.code).toBe(1);
    expect(done.stdout).toContain('fail  license  License key 6000000000000000999 does not exist');
  });

  it('audit prints the drift as CSV and exits 0', async () => {
    const done = await cli([
      'audit',
      settingsFile({ licenses: [STANDARD, PRO] }),
      '--api-base-url',
      served.baseUrl,
      '--assigned',
      tempFile('assigned.txt', `${DEFAULT_ME_EMAIL}\nnew@example.com\n`),
      '--csv',
    ]);
    expect(done.code).toBe(0);
    expect(done.stdout.trim().split('\n')).toEqual([
      'drift,email,licenseKeys',
      `unassigned-holder,left@example.com,${PRO}`,
      `assigned-not-licensed,${DEFAULT_ME_EMAIL},`,
      'assigned-not-in-goto,new@example.com,',
    ]);
    expect(fake.requests.every((request) => request.method === 'GET')).toBe(true);
  });

  it('audit exits 1 with one line when GoTo refuses the token', async () => {
    const done = await cli(
      ['audit', settingsFile(), '--api-base-url', served.baseUrl],
      'wrong-token-123456',
    );
    expect(done.code).toBe(1);
    expect(done.stderr.trim().split('\n')).toHaveLength(1);
    expect(done.stderr).toMatch(/^audit: GoTo rejected the access token \(401/);
  });

  it.each([
    [
      ['check', 'settings.json', '--api-base-url', 'http://api.getgo.com/admin/rest/v1'],
      'check: --api-base-url must be an https URL',
    ],
    [
      ['audit', 'missing.json', '--api-base-url', 'https://api.getgo.com/admin/rest/v1'],
      'audit: cannot read the settings file missing.json',
    ],
  ])('exits 2 with one line on a usage mistake: %j', async (args, words) => {
    const done = await cli(args);
    expect(done.code).toBe(2);
    expect(done.stderr.trim().split('\n')).toHaveLength(1);
    expect(done.stderr).toContain(words);
  });
});
