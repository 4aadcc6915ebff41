import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedProblems } from '../../cli/shared/seed';
import { runInProcess } from '../support/cli';
import { PROVISIONING, runAsProcess, SECRET, tempJson } from '../support/tools';

/** The local runner (`try`): the exact context, seed files, dry runs and --real. */

describe('the local runner keeps the context exact', () => {
  it('sends a numeric account_key in the OAuth configuration digit for digit', async () => {
    const context = tempJson('context.json', {
      ...exampleContext(),
      OAuth2ProtocolConfiguration: '{"account_key": 1000000000000000003, "token_type": "Bearer"}',
    });
    const done = await runAsProcess(['try', PROVISIONING, context], {
      GOTO_ACCESS_TOKEN: SECRET,
    });
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/GET\s+\/accounts\/1000000000000000003\/users\?/);
    expect(done.stdout).toMatch(/POST\s+\/accounts\/1000000000000000003\/users\s+201/);
    expect(done.stdout + done.stderr).not.toContain(SECRET);
  });

  it('refuses a bare number that JavaScript would round, naming where it is', async () => {
    const text = JSON.stringify(exampleContext()).replace(
      '["6000000000000000001"]',
      '[6000000000000000001]',
    );
    const path = join(mkdtempSync(join(tmpdir(), 'goto-try-')), 'context.json');
    writeFileSync(path, text);
    const done = await runInProcess(['try', PROVISIONING, path]);
    expect(done).toMatchObject({ code: 2, out: '' });
    expect(done.err).toBe(
      `try: the context file ${path} holds Application.ApplicationSettings.Fields.ApplicationLicenses[0] as the number 6000000000000000001, which JavaScript rounds to 6000000000000000000: write it as a string, "6000000000000000001"\n`,
    );
  });
});

describe('the local runner checks seed files', () => {
  it.each([
    [
      { users: { email: 'a@example.com' } },
      ['users must be a list [ … ], not {"email":"a@example.com"}'],
    ],
    [{ users: [{ firstName: 'Ann' }] }, ['users[0].email is missing: give an address with @']],
    [
      { filterMode: 'both', extra: true },
      [
        'extra is not a seed key here: the keys are accountKey, filterMode, numericKeys, createStatus, writeStatus, users, licenses, otherAccountEmails, me',
        'filterMode must be one of "regex", "regex-find", "literal", "literal-contains", not "both"',
      ],
    ],
    [
      { licenses: [{ key: 6000, seats: -1 }], otherAccountEmails: ['nobody'] },
      [
        'licenses[0].key must be a key of digits, as a string, not 6000',
        'licenses[0].seats must be a whole number, 0 or more, not -1',
        'otherAccountEmails[0] must be an address with @, not "nobody"',
      ],
    ],
    [
      { users: [{ email: 'a@example.com', licenseKeys: ['9'] }] },
      ['user a@example.com holds unknown license 9'],
    ],
  ])('%j: one line per mistake, exit 2', async (content, problems) => {
    const seed = tempJson('seed.json', content);
    const done = await runInProcess([
      'try',
      PROVISIONING,
      'examples/assign-standard.context.json',
      '--seed',
      seed,
    ]);
    expect(done).toMatchObject({ code: 2, out: '' });
    expect(done.err.trim().split('\n')).toEqual(
      problems.map((p) => `try: seed file ${seed}: ${p}`),
    );
  });

  it('accepts the documented example seed', async () => {
    const seed = JSON.parse(readFileSync('examples/seed.json', 'utf8'));
    expect(seedProblems(seed)).toEqual([]);
  });
});

describe('the local runner on a dry-run build', () => {
  it('lists the planned write with what it would send, and ends with "would have"', async () => {
    const out = mkdtempSync(join(tmpdir(), 'goto-dry-'));
    const built = await runInProcess([
      'build',
      '--dry-run',
      '--locale',
      'de_DE',
      '--welcome-subject',
      'Welcome',
      '--welcome-text',
      'Your seat is ready',
      '--out',
      out,
    ]);
    expect(built.code).toBe(0);
    const done = await runAsProcess([
      'try',
      join(out, 'gotomeeting-provisioning.js'),
      'examples/assign-standard.context.json',
    ]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/POST\s+\/accounts\/1000000000000000001\/users\s+planned\s+-\n/);
    expect(done.stdout).toContain(
      'sends Jane Doe <jane.doe@example.com>, locale de_DE; licenses 6000000000000000001; welcome email "Welcome": Your seat is ready',
    );
    const last = done.stdout.trim().split('\n').at(-1);
    expect(last).toBe(
      'would have ended "created" (dry run: nothing was changed in GoTo; 1 planned write above)',
    );
    expect(done.stdout).not.toMatch(/^created$/m);
  });
});

describe('the local runner with --real', () => {
  it('names the account and the API, warns that a normal build changes it, calls --api-base-url and says when it waits', async () => {
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      response.writeHead(seen.length === 1 ? 429 : 401, { 'content-type': 'application/json' });
      response.end('{"errors":[{"code":"not.authenticated"}]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const done = await runAsProcess(
        [
          'try',
          PROVISIONING,
          'examples/assign-standard.context.json',
          '--real',
          '--api-base-url',
          `http://127.0.0.1:${port}/admin/rest/v1`,
          '--yes',
        ],
        { GOTO_ACCESS_TOKEN: SECRET },
      );
      expect(done.code).toBe(1);
      const lines = done.stdout.split('\n');
      expect(lines[0]).toBe(
        `Real run: GoTo account 1000000000000000001 at http://127.0.0.1:${port}/admin/rest/v1`,
      );
      expect(lines[1]).toBe(
        'WARNING: not a dry-run build: this run will change GoTo account 1000000000000000001.',
      );
      const call = expect.stringMatching(
        new RegExp(
          `^GET /admin/rest/v1/accounts/1000000000000000001/users\\?filter=.* Bearer ${SECRET}$`,
        ),
      );
      expect(lines[2]).toBe(
        "mode: provision: create the GoTo user or give them the app's licenses",
      );
      expect(lines[3]).toBe('user: jane.doe@example.com');
      expect(seen).toEqual([call, call]);
      expect(lines[4]).toMatch(
        /^… waiting \d+\.\d s before repeating GET \/accounts\/1000000000000000001\/users$/,
      );
      expect(done.stdout).toContain('failed: unauthorized');
      expect(done.stdout + done.stderr).not.toContain(SECRET);
    } finally {
      server.close();
    }
  });
});

function exampleContext(): Record<string, unknown> {
  return JSON.parse(readFileSync('examples/assign-standard.context.json', 'utf8'));
}
