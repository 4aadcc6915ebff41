import { spawn } from 'node:child_process';
import { http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeGoto, type FakeGoto } from '../../emulator/fake-goto';
import { settingsFile, tempFile } from '../support/admin-tools';
import { serveOverHttp } from '../support/fake-over-http';
import { APP_KEYS, buildAccount, type ReconcileAccount } from '../support/reconcile-account';
import { convergedPlan, expectApplied, snapshot } from '../support/reconcile-harness';
import { runAsProcess } from '../support/tools';

/**
 * `reconcile --apply` as an administrator runs it, a process of its own against the fake on a
 * loopback port, in real time: killed in the middle of its creations, then run again.
 */

const TOKEN = 'tok-from-env-reconcile-81f3a2';
const SIZES = {
  kept: 5,
  half: 4,
  left: 3,
  idle: 3,
  plus: 1,
  dup: 1,
  twin: 1,
  tagged: 1,
  fresh: 100,
  nameless: 1,
  elsewhere: 2,
  repeated: 1,
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(account: ReconcileAccount, onBatch: () => void) {
  let fake: FakeGoto | undefined;
  const served = await serveOverHttp((baseUrl) => {
    fake = createFakeGoto({ ...account.seed, baseUrl, token: TOKEN });
    const batches = http.post(`${baseUrl}/accounts/:a/users`, () => onBatch());
    return { ...fake, handlers: [batches, ...fake.handlers] };
  });
  close = served.close;
  return { fake: fake as FakeGoto, baseUrl: served.baseUrl };
}

function args(account: ReconcileAccount, baseUrl: string, extra: string[]): string[] {
  return [
    'reconcile',
    settingsFile({ licenses: APP_KEYS }),
    '--assigned',
    tempFile('assigned.csv', account.csv),
    '--api-base-url',
    baseUrl,
    ...extra,
  ];
}

const APPLY = ['--apply', '--yes', '--batch-size', '20', '--max-reclaims', '50'];

describe('reconcile as a process', () => {
  it('killed after its third batch went through: the second run makes only what is missing, and nobody twice', async () => {
    const account = buildAccount(SIZES);
    let batches = 0;
    let kill = () => {};
    const { fake, baseUrl } = await serve(account, () => {
      batches += 1;
      // The batch still reaches the fake and is made; its answer goes nowhere.
      if (batches === 3) kill();
    });
    const before = snapshot(fake);
    const first = spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', ...args(account, baseUrl, APPLY)],
      { env: { ...process.env, NO_COLOR: '1', GOTO_ACCESS_TOKEN: TOKEN }, stdio: 'pipe' },
    );
    kill = () => first.kill('SIGKILL');
    const signal = await new Promise((resolve) => first.on('exit', (_, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    // Three batches of 20 went through; another account's addresses among them were not made.
    const made = fake.users().length - before.size;
    expect(made).toBe(60 - account.elsewhere.length);

    const env = { GOTO_ACCESS_TOKEN: TOKEN };
    const second = await runAsProcess(args(account, baseUrl, [...APPLY, '--json']), env);
    const results = JSON.parse(second.stdout).results as { email: string; action: string }[];
    const left = account.truth.create.length - 60 + account.elsewhere.length;
    expect(results.filter((r) => r.action === 'create' || r.action === 'blocked')).toHaveLength(
      left,
    );
    expect(second.stderr).toMatch(/^reconcile: creations \d+\/\d+$/m);
    expect(second.stdout).not.toContain(TOKEN);

    const plan = await runAsProcess(args(account, baseUrl, ['--json']), env);
    expect(JSON.parse(plan.stdout).plan).toEqual(convergedPlan(account));
    expectApplied(fake, account, before);
  });

  it('needs --yes without a terminal: exit 2, nothing changed', async () => {
    const account = buildAccount(SIZES);
    const { fake, baseUrl } = await serve(account, () => {});
    const done = await runAsProcess(args(account, baseUrl, ['--apply']), {
      GOTO_ACCESS_TOKEN: TOKEN,
    });
    expect(done.code).toBe(2);
    expect(done.stderr).toBe(
      'reconcile: reconcile --apply changes GoTo and needs --yes when it is not run from a terminal; nothing was changed\n',
    );
    expect(new Set(fake.requests.map((r) => r.method))).toEqual(new Set(['GET']));
  });
});
