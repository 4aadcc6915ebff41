import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileOf } from '../scripts/lib/bundle';

/** The command-line tools, run as a newcomer runs them: separate processes, exit codes, output. */

interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

function tsx(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', ...args],
      { env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const SECRET = 'tok-from-env-7c2f9e41b5d84a0f';
const PROVISIONING = join('dist', fileOf('provisioning'));
const DEPROVISIONING = join('dist', fileOf('deprovisioning'));

function tempJson(name: string, content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'goto-try-')), name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('npm run demo', () => {
  it('runs the lifecycle story on the built scripts and exits 0', async () => {
    const done = await tsx(['scripts/demo.ts']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('All 10 steps ended as expected.');
    expect(done.stdout).toMatch(/no account_key\)\s+assign Standard\s+created\s+3\b/);
    expect(done.stdout).toMatch(/Jane leaves: unassigned from Pro\s+unassign Pro\s+unlicensed/);
  });
});

describe('npm run try (local runner)', () => {
  it('provisions against the built-in fake and keeps the token from the environment out of its output', async () => {
    const done = await tsx(
      ['scripts/try.ts', PROVISIONING, 'examples/assign-standard.context.json'],
      {
        GOTO_ACCESS_TOKEN: SECRET,
      },
    );
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(
      /GET\s+\/accounts\/1000000000000000001\/users\?filter=\(email="jane\.doe@example\.com"\).*200\s+\d+ ms/,
    );
    expect(done.stdout).toMatch(/POST\s+\/accounts\/1000000000000000001\/users\s+201/);
    expect(done.stdout).toContain('"outcome": "created"');
    expect(done.stdout + done.stderr).not.toContain(SECRET);
  });

  it('de-provisions against a seeded fake', async () => {
    const done = await tsx(
      [
        'scripts/try.ts',
        DEPROVISIONING,
        'examples/unassign-standard.context.json',
        '--seed',
        'examples/seed.json',
      ],
      { GOTO_ACCESS_TOKEN: SECRET },
    );
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('"outcome": "unlicensed"');
    expect(done.stdout + done.stderr).not.toContain(SECRET);
  });

  it('exits 1 when the outcome is failed', async () => {
    const seed = tempJson('seed.json', {
      users: [{ email: 'jane.doe@example.com' }, { email: 'JANE.DOE@example.com' }],
    });
    const done = await tsx(
      ['scripts/try.ts', DEPROVISIONING, 'examples/unassign-standard.context.json', '--seed', seed],
      {
        GOTO_ACCESS_TOKEN: SECRET,
      },
    );
    expect(done.code).toBe(1);
    expect(done.stdout).toContain('"error": "ambiguous-user"');
    expect(done.stdout + done.stderr).not.toContain(SECRET);
  });

  it.each([
    [[PROVISIONING], 'usage: npm run try'],
    [[PROVISIONING, 'missing.json'], 'cannot read the context file missing.json'],
    [
      ['package.json', 'examples/assign-standard.context.json'],
      'has no "apiBaseUrl" in its header',
    ],
    [
      [PROVISIONING, 'examples/assign-standard.context.json', '--real'],
      'needs the access token in the GOTO_ACCESS_TOKEN',
    ],
  ])('refuses %j with one line and exit code 2', async (args, words) => {
    const done = await tsx(['scripts/try.ts', ...args], { GOTO_ACCESS_TOKEN: '' });
    expect(done.code).toBe(2);
    expect(done.stderr.trim().split('\n')).toHaveLength(1);
    expect(done.stderr).toContain(words);
  });

  it('refuses a context file that holds a token', async () => {
    const context = tempJson('context.json', {
      OAuth2ProtocolConfiguration: JSON.stringify({ account_key: '1', access_token: SECRET }),
    });
    const done = await tsx(['scripts/try.ts', PROVISIONING, context]);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain(
      'contains an access_token: remove it from the file and set GOTO_ACCESS_TOKEN',
    );
    expect(done.stderr).not.toContain(SECRET);
  });
});
