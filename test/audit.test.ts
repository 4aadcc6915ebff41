import { describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, PRO, STANDARD, WEBINAR } from '../emulator/contexts';
import {
  createFakeGoto,
  type FakeGoto,
  type FakeGotoOptions,
  type SeedUser,
} from '../emulator/fake-goto';
import { auditCommand } from '../scripts/commands/audit';
import {
  methodsSeen,
  runTool,
  settingsFile,
  simulatedClock,
  tempFile,
} from './support/admin-tools';

const USERS = 2500;

/** Every fourth user holds Standard, every fifth Pro, every seventh Webinar; some addresses in capitals. */
function seedUsers(): SeedUser[] {
  return Array.from({ length: USERS }, (_, i) => {
    const licenseKeys = [
      ...(i % 4 === 0 ? [STANDARD] : []),
      ...(i % 5 === 0 ? [PRO] : []),
      ...(i % 7 === 0 ? [WEBINAR] : []),
    ];
    return { email: i % 10 === 3 ? `User${i}@Example.com` : `user${i}@example.com`, licenseKeys };
  });
}

function bigAccount(options: FakeGotoOptions = {}): {
  fake: FakeGoto;
  clock: ReturnType<typeof simulatedClock>;
} {
  const clock = simulatedClock();
  const fake = createFakeGoto({
    licenses: [
      { key: STANDARD, seats: 700, description: 'GoToMeeting Standard' },
      { key: PRO, seats: 500, description: 'GoToMeeting Pro' },
      { key: WEBINAR, seats: 400, description: 'GoToWebinar' },
    ],
    users: seedUsers(),
    rateLimit: { perSecond: 10, clock },
    ...options,
  });
  return { fake, clock };
}

const CONFIGURED = [STANDARD, PRO];
const sorted = (emails: string[]) =>
  [...emails].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));

/** What the fake holds, in the audit's terms. */
function truthOf(fake: FakeGoto, assigned?: string[]) {
  const users = fake.users();
  const licenses = CONFIGURED.map((key) => {
    const license = fake.license(key);
    const seats = license?.seats ?? 0;
    const used = license?.userKeys.length ?? 0;
    return {
      key,
      description: license?.description ?? '',
      seats,
      used,
      free: seats - used,
      holders: sorted(users.filter((u) => u.licenseKeys.includes(key)).map((u) => u.email)),
    };
  });
  if (!assigned) return { accountKey: ACCOUNT_KEY, licenses };
  const isAssigned = (email: string) =>
    assigned.some((a) => a.toLowerCase() === email.toLowerCase());
  const held = (keys: string[]) => CONFIGURED.filter((key) => keys.includes(key));
  return {
    accountKey: ACCOUNT_KEY,
    licenses,
    unassignedHolders: users
      .filter((u) => held(u.licenseKeys).length > 0 && !isAssigned(u.email))
      .map((u) => ({ email: u.email, licenseKeys: held(u.licenseKeys) })),
    assignedNotLicensed: users
      .filter((u) => isAssigned(u.email) && held(u.licenseKeys).length < CONFIGURED.length)
      .map((u) => u.email),
    assignedNotInGoTo: assigned.filter((a) => !fake.user(a)),
  };
}

/** Sorts the lists the same way on both sides, so the comparison is about content. */
function normalised(report: ReturnType<typeof truthOf>) {
  return {
    ...report,
    licenses: report.licenses.map((l) => ({ ...l, holders: sorted(l.holders) })),
    ...(report.unassignedHolders && {
      unassignedHolders: [...report.unassignedHolders].sort((a, b) =>
        a.email.toLowerCase().localeCompare(b.email.toLowerCase()),
      ),
      assignedNotLicensed: sorted(report.assignedNotLicensed ?? []),
      assignedNotInGoTo: sorted(report.assignedNotInGoTo ?? []),
    }),
  };
}

/** Assigned in MyWorkspace: every third user (spelled in another case at times) and three strangers. */
const ASSIGNED = [
  ...Array.from({ length: USERS }, (_, i) => i)
    .filter((i) => i % 3 === 0)
    .map((i) => (i % 2 === 0 ? `USER${i}@example.com` : `user${i}@example.com`)),
  'nobody.here@example.com',
  'ghost+tag@example.org',
  'Late.Joiner@Example.com',
];

async function audit(
  fake: FakeGoto,
  clock: ReturnType<typeof simulatedClock>,
  args: string[],
  token?: string,
) {
  return runTool(fake, auditCommand, args, {
    clock,
    ...(token === undefined ? {} : { token }),
  });
}

describe('audit', () => {
  it('reports every configured license, its seats and holders over 25 pages, paced under 10 requests per second', async () => {
    const { fake, clock } = bigAccount();
    const done = await audit(fake, clock, [settingsFile({ licenses: CONFIGURED }), '--json']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const report = JSON.parse(done.stdout);
    expect(normalised(report)).toEqual(truthOf(fake));
    expect(report.licenses[0].holders).toHaveLength(USERS / 4);
    expect(fake.requests.map((r) => r.status)).not.toContain(429);
    expect(fake.requests).toHaveLength(1 + USERS / 100);
    expect(methodsSeen(fake)).toEqual(['GET']);
  });

  it('finds the drift against a MyWorkspace CSV export (semicolons, a BOM, an E-Mail column)', async () => {
    const { fake, clock } = bigAccount();
    const csv = `\uFEFFName;E-Mail;Department\n${ASSIGNED.map((email, i) => `Person ${i};${email};Sales`).join('\n')}\n`;
    const done = await audit(fake, clock, [
      settingsFile({ licenses: CONFIGURED }),
      '--assigned',
      tempFile('assigned.csv', csv),
      '--json',
    ]);
    expect(done.code).toBe(0);
    const report = JSON.parse(done.stdout);
    const truth = truthOf(fake, ASSIGNED);
    expect(normalised(report)).toEqual(normalised(truth));
    expect(report.assignedNotInGoTo).toEqual([
      'ghost+tag@example.org',
      'Late.Joiner@Example.com',
      'nobody.here@example.com',
    ]);
    expect(truth.unassignedHolders?.length).toBeGreaterThan(100);
    expect(truth.assignedNotLicensed?.length).toBeGreaterThan(100);
  });

  it('takes one address per line and prints the drift as CSV rows', async () => {
    const { fake, clock } = bigAccount({
      users: [
        { email: 'kept@example.com', licenseKeys: [STANDARD, PRO] },
        { email: 'left@example.com', licenseKeys: [PRO] },
        { email: 'half@example.com', licenseKeys: [STANDARD] },
      ],
    });
    const done = await audit(fake, clock, [
      settingsFile({ licenses: CONFIGURED }),
      '--assigned',
      tempFile('assigned.txt', 'Kept@example.com\nhalf@example.com\n\nnew@example.com\n'),
      '--csv',
    ]);
    expect(done.code).toBe(0);
    expect(done.stdout).toBe(
      [
        'drift,email,licenseKeys',
        `unassigned-holder,left@example.com,${PRO}`,
        'assigned-not-licensed,half@example.com,',
        'assigned-not-in-goto,new@example.com,',
      ].join('\n'),
    );
  });

  it('prints a readable table with what to do by default', async () => {
    const { fake, clock } = bigAccount({
      users: [{ email: 'left@example.com', licenseKeys: [PRO] }],
    });
    const done = await audit(fake, clock, [
      settingsFile({ licenses: CONFIGURED }),
      '--assigned',
      tempFile('assigned.txt', 'new@example.com\n'),
    ]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(
      new RegExp(`${STANDARD}\\s+GoToMeeting Standard\\s+700\\s+0\\s+700`),
    );
    expect(done.stdout).toMatch(new RegExp(`${PRO}\\s+GoToMeeting Pro\\s+500\\s+1\\s+499`));
    expect(done.stdout).toContain(
      'Holding a license but not assigned in MyWorkspace (1): seats to reclaim',
    );
    expect(done.stdout).toContain(`  left@example.com  ${PRO}`);
    expect(done.stdout).toContain('Assigned but no GoTo user (1)');
  });

  it('takes the account from /me when the configuration names none', async () => {
    const { fake, clock } = bigAccount({
      users: [],
      me: { otherAccounts: ['1000000000000000002'] },
    });
    const done = await audit(fake, clock, [
      settingsFile({ accountKey: null, licenses: CONFIGURED }),
      '--json',
    ]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout).accountKey).toBe(ACCOUNT_KEY);
    expect(fake.requests[0]?.path).toBe('/me');
  });

  it('retries a 429 on a page and still reports the truth', async () => {
    const { fake, clock } = bigAccount();
    fake.inject({ path: /\/users\?offset=1200&/, respond: { status: 429 } });
    const done = await audit(fake, clock, [settingsFile({ licenses: CONFIGURED }), '--json']);
    expect(done.code).toBe(0);
    expect(normalised(JSON.parse(done.stdout))).toEqual(truthOf(fake));
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(1);
  });

  it.each([
    [
      'a missing license key',
      { licenses: [STANDARD, '6000000000000000999'] },
      undefined,
      /^audit: License key 6000000000000000999 does not exist in account 1000000000000000001; correct ApplicationLicenses \(the account has 6000000000000000001 GoToMeeting Standard, 6000000000000000002 GoToMeeting Pro, 6000000000000000003 GoToWebinar\)\.$/,
    ],
    [
      'a refused token (401)',
      {},
      'expired-token',
      /^audit: GoTo rejected the access token \(401, code not.authenticated/,
    ],
    [
      'an account that is not the admin’s (403)',
      { accountKey: '1000000000000000002' },
      undefined,
      /^audit: GoTo refused the request \(403, code not.authorized/,
    ],
  ])('fails with one line on %s', async (_, settings, token, message) => {
    const { fake, clock } = bigAccount();
    const done = await audit(
      fake,
      clock,
      [settingsFile({ licenses: CONFIGURED, ...settings }), '--json'],
      token,
    );
    expect(done.code).toBe(1);
    expect(done.stdout).toBe('');
    expect(done.stderr.split('\n')).toHaveLength(1);
    expect(done.stderr).toMatch(message);
  });

  it('fails with one line when GoTo keeps answering 429', async () => {
    const { fake, clock } = bigAccount();
    fake.inject({ path: /\/licenses/, times: Infinity, respond: { status: 429 } });
    const done = await audit(fake, clock, [settingsFile({ licenses: CONFIGURED })]);
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(
      /^audit: GoTo kept rate-limiting the requests \(429.*after \d+ retries \(180 s waited in this run\)[^\n]*$/,
    );
  });

  it.each([
    [['--csv'], '--csv prints the drift, which needs --assigned FILE'],
    [
      ['--json', '--csv', '--assigned', 'x.csv'],
      "option '--json' cannot be used with option '--csv'",
    ],
    [['--assigned', 'missing.csv'], 'cannot read the --assigned file missing.csv'],
    [
      ['--assigned', 'TABLE'],
      'has no email column (a header named email, e-mail, mail, email address, mail address, MailAddress)',
    ],
    [['--assigned', 'NOT_AN_ADDRESS'], 'has "Jane Doe" on line 2, which is not an email address'],
  ])('refuses %j as a usage mistake, before any call', async (flags, words) => {
    const { fake, clock } = bigAccount();
    const files: Record<string, string> = {
      TABLE: tempFile('table.csv', 'name,department\nJane,Sales\n'),
      NOT_AN_ADDRESS: tempFile('bad.csv', 'email\nJane Doe\n'),
    };
    const args = flags.map((flag) => files[flag] ?? flag);
    const done = await audit(fake, clock, [settingsFile(), ...args]);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain(words);
    expect(fake.requests).toEqual([]);
  });

  it('never writes, whatever the options', async () => {
    const assigned = tempFile('assigned.csv', 'email\nuser0@example.com\nnew@example.com\n');
    for (const flags of [
      [],
      ['--json'],
      ['--assigned', assigned],
      ['--assigned', assigned, '--json'],
      ['--assigned', assigned, '--csv'],
    ]) {
      const { fake, clock } = bigAccount({ users: seedUsers().slice(0, 300) });
      const done = await audit(fake, clock, [
        settingsFile({ accountKey: null, licenses: CONFIGURED }),
        ...flags,
      ]);
      expect(done.code).toBe(0);
      expect(methodsSeen(fake)).toEqual(['GET']);
      expect(fake.requests.length).toBeGreaterThan(3);
    }
  });
});
