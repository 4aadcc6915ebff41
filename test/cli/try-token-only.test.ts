import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAsProcess } from '../support/tools';

/** `npm run try` with a connection made since GoTo's token migration: no account_key. */

const CONTEXT = 'examples/assign-standard-token-only.context.json';

describe('npm run try with a token-only connection', () => {
  it("asks the fake's GET /me for the account, then provisions in it", async () => {
    const done = await runAsProcess(['try', 'dist/gotomeeting-provisioning.js', CONTEXT]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/GET\s+\/me\s+200/);
    expect(done.stdout).toMatch(/POST\s+\/accounts\/1000000000000000001\/users\s+201/);
    expect(done.stdout).toContain('"accountKey": "1000000000000000001"');
  });

  it("answers GET /me with the seed's account", async () => {
    const seed = join(mkdtempSync(join(tmpdir(), 'goto-try-')), 'seed.json');
    writeFileSync(
      seed,
      JSON.stringify({
        accountKey: '5000000000000000005',
        licenses: [{ key: '6000000000000000001', seats: 1 }],
      }),
    );
    const done = await runAsProcess([
      'try',
      'dist/gotomeeting-provisioning.js',
      CONTEXT,
      '--seed',
      seed,
    ]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/POST\s+\/accounts\/5000000000000000005\/users\s+201/);
  });
});
