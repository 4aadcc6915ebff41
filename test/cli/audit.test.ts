import { describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, PRO, STANDARD } from '../../emulator/contexts';
import type { FakeGoto } from '../../emulator/fake-goto';
import { methodsSeen, settingsFile, tempFile } from '../support/admin-tools';
import { audit, bigAccount, CONFIGURED, USERS } from '../support/audit-account';

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

  it('with --fail-on-drift exits 1 on any drift and 0 without, for a scheduled job', async () => {
    const drifting = bigAccount({ users: [{ email: 'left@example.com', licenseKeys: [PRO] }] });
    const flags = (file: string) => [
      settingsFile({ licenses: CONFIGURED }),
      '--assigned',
      tempFile('assigned.txt', file),
      '--fail-on-drift',
    ];
    const drift = await audit(drifting.fake, drifting.clock, flags('new@example.com\n'));
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('Holding a license but not assigned in MyWorkspace (1)');
    const matching = bigAccount({
      users: [{ email: 'kept@example.com', licenseKeys: CONFIGURED }],
    });
    const clean = await audit(matching.fake, matching.clock, flags('Kept@example.com\n'));
    expect(clean.code).toBe(0);
    expect(methodsSeen(matching.fake)).toEqual(['GET']);
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
});
