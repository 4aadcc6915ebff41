import { describe, expect, it } from 'vitest';
import { auditCommand } from '../../cli/account/audit';
import { checkCommand } from '../../cli/account/check';
import { resultOf, runBuiltScript } from '../../emulator';
import { hostContext, STANDARD, TOKEN } from '../../emulator/contexts';
import type { FakeGotoOptions, FaultRule } from '../../emulator/fake-goto';
import type { BuildOptions } from '../../src/options';
import { fakeAccount } from '../support/accounts';
import { callCommand, settingsFile } from '../support/admin-tools';
import { buildWith } from '../support/builds';
import { FOREIGN_HOST, foreignHost, redirectTo } from '../support/foreign-host';
import { builtScript, type ScriptName } from '../support/scenario';

/**
 * No redirect is followed: the token goes to the API's host only. Each 3xx below points at
 * another loopback host that answers like an empty GoTo account; a script that followed it would
 * send the token there and act on that answer (create the user, or report them gone). Every run
 * goes through npm restler, which follows redirects unless told not to.
 */

const EMAIL = 'jane.doe@example.com';
const USER_KEY = '7000000000000000042';
const LOOKUP = /\/users\?/;
const TOKEN_ONLY = JSON.stringify({ access_token: TOKEN });

interface Case {
  name: string;
  script: ScriptName;
  status: number;
  rule: Pick<FaultRule, 'method' | 'path'>;
  seed?: FakeGotoOptions;
  oauth?: string;
  build?: Partial<BuildOptions>;
}

const holder: FakeGotoOptions = {
  users: [{ email: EMAIL, key: USER_KEY, licenseKeys: [STANDARD] }],
};
const newcomer: FakeGotoOptions = { users: [{ email: EMAIL, key: USER_KEY }] };

const CASES: Case[] = [
  ...[301, 302, 303, 307, 308].map(
    (status): Case => ({
      name: 'the lookup',
      script: 'provisioning',
      status,
      rule: { method: 'GET', path: LOOKUP },
    }),
  ),
  {
    name: 'GET /me',
    script: 'provisioning',
    status: 307,
    rule: { path: /\/me$/ },
    oauth: TOKEN_ONLY,
  },
  { name: 'the create', script: 'provisioning', status: 307, rule: { method: 'POST' } },
  {
    name: 'the assignment',
    script: 'provisioning',
    status: 302,
    rule: { method: 'POST' },
    seed: newcomer,
  },
  {
    name: 'the lookup',
    script: 'deprovisioning',
    status: 307,
    rule: { path: LOOKUP },
    seed: holder,
  },
  {
    name: 'the removal',
    script: 'deprovisioning',
    status: 307,
    rule: { method: 'DELETE' },
    seed: holder,
  },
  {
    name: 'the deletion (delete mode)',
    script: 'deprovisioning',
    status: 308,
    rule: { method: 'DELETE' },
    seed: holder,
    build: { deprovisionMode: 'delete' },
  },
];

async function play(c: Case, location?: string) {
  const fake = fakeAccount(c.seed);
  const foreign = foreignHost();
  fake.inject({ ...c.rule, respond: redirectTo(c.status, location) });
  const before = fake.users();
  const script = c.build ? (await buildWith(c.build))[c.script] : builtScript(c.script);
  const run = await runBuiltScript({
    script,
    context: hostContext(c.oauth === undefined ? {} : { oauth: c.oauth }),
    api: { handlers: [...fake.handlers, ...foreign.handlers] },
  });
  return { result: resultOf(run), fake, foreign, before };
}

describe('a 3xx answer ends the run, and nothing reaches the host it names', () => {
  it.each(CASES.map((c) => [`${c.script}: ${c.status} on ${c.name}`, c] as const))(
    '%s',
    async (_, c) => {
      const { result, fake, foreign, before } = await play(c);

      expect(foreign.requests).toEqual([]);
      expect({ outcome: result.outcome, error: result.error }).toEqual({
        outcome: 'failed',
        error: 'api-error',
      });
      expect(result.message).toContain(`GoTo answered ${c.status}, a redirect to ${FOREIGN_HOST}`);
      expect(result.message).toContain('the scripts follow no redirect, so nothing was sent there');
      expect(JSON.stringify(result)).not.toContain(TOKEN);
      // The redirected request is the run's last: no write, and no other request, follows it.
      const last = fake.requests.at(-1);
      expect(last?.status).toBe(c.status);
      expect(fake.requests.filter((r) => r.status === c.status)).toHaveLength(1);
      expect(result.calls.at(-1)?.status).toBe(c.status);
      expect(fake.users()).toEqual(before);
    },
  );

  it('says so when the Location is a path on the API host, and sends nothing more there', async () => {
    const c = CASES[0] as Case;
    const { result, fake } = await play(c, '/admin/rest/v1/accounts/1/users?offset=0');
    expect(result.message).toContain(
      'GoTo answered 301, a redirect to another path on the API host',
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('names the host a 300 points at, as it does for the other redirects', async () => {
    const c: Case = { ...(CASES[0] as Case), status: 300 };
    const { result, foreign } = await play(c);
    expect(foreign.requests).toEqual([]);
    expect(result.message).toBe(
      `GoTo answered 300, a redirect to ${FOREIGN_HOST}, while looking up ${EMAIL}; the scripts follow no redirect, so nothing was sent there and nothing was changed. Check the apiBaseUrl build option and what sits between MyWorkspace and the GoTo API.`,
    );
  });

  it('names a long host by its first 100 characters', async () => {
    const c = CASES[0] as Case;
    const host = `${'h'.repeat(96)}.example.org`;
    const { result } = await play(c, `https://${host}/x`);
    expect(result.message).toContain(`a redirect to ${host.slice(0, 100)}…, while looking up`);
  });

  it('says when the redirect names no place at all', async () => {
    const c = CASES[0] as Case;
    const fake = fakeAccount();
    fake.inject({ ...c.rule, respond: { status: 302 } });
    const run = await runBuiltScript({
      script: builtScript('provisioning'),
      context: hostContext(),
      api: fake,
    });
    expect(resultOf(run).message).toBe(
      `GoTo answered 302, a redirect without saying where, while looking up ${EMAIL}; the scripts follow no redirect, so nothing was sent there and nothing was changed. Check the apiBaseUrl build option and what sits between MyWorkspace and the GoTo API.`,
    );
  });

  it('never names a user:password in the Location, only its host', async () => {
    const c = CASES[0] as Case;
    const { result } = await play(c, 'https://admin:hunter2@login.example.net/x');
    expect(result.message).toContain('a redirect to login.example.net,');
    expect(result.message).not.toContain('hunter2');
  });
});

describe('the administrator tools follow no redirect either', () => {
  it.each([
    ['check: a 307 on GET /me', checkCommand, /\/me$/],
    ['check: a 307 on the license list', checkCommand, /\/licenses/],
    ['audit: a 307 on the user list', auditCommand, /\/users\?/],
  ] as const)('%s', async (_, command, path) => {
    const fake = fakeAccount(holder);
    const foreign = foreignHost();
    fake.inject({ path, times: Infinity, respond: redirectTo(307) });
    const before = fake.users();
    const run = await callCommand(fake, command, [settingsFile({ licenses: [STANDARD] })], {
      alsoServe: foreign.handlers,
    });

    expect(foreign.requests).toEqual([]);
    expect(run.code).toBe(1);
    expect(`${run.stdout}\n${run.stderr}`).toContain(
      `GoTo answered 307, a redirect to ${FOREIGN_HOST}`,
    );
    expect(`${run.stdout}\n${run.stderr}`).not.toContain(TOKEN);
    expect(fake.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(fake.users()).toEqual(before);
  });
});
