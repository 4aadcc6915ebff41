import { describe, expect, it, vi } from 'vitest';
import { runInProcess } from '../support/cli';
import { DEPROVISIONING, PROVISIONING, runAsProcess, SECRET, tempJson } from '../support/tools';

/** The command-line tools, run as a newcomer runs them: separate processes, exit codes, output. */

describe('npm run demo', () => {
  it('runs the lifecycle story on the built scripts and exits 0', async () => {
    const done = await runAsProcess(['demo']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('All 11 steps ended as expected.');
    expect(done.stdout).toMatch(
      /Sam is assigned to Pro, which has no seat free\s+assign Pro\s+failed \(no-seats\)/,
    );
    expect(done.stdout).toContain(
      'the webhook got 1 message(s):\n  GoToMeeting provisioning FAILED (no-seats) for sam+gotomeeting@example.com: free a seat or buy more, then re-run.',
    );
    expect(done.stdout).toMatch(/no account_key\)\s+assign Standard\s+created\s+3\b/);
    expect(done.stdout).toMatch(/Jane leaves: unassigned from Pro\s+unassign Pro\s+unlicensed/);
  });
});

describe('npm run try (local runner)', () => {
  it('provisions against the built-in fake and keeps the token from the environment out of its output', async () => {
    const done = await runAsProcess(
      ['try', PROVISIONING, 'examples/assign-standard.context.json'],
      {
        GOTO_ACCESS_TOKEN: SECRET,
      },
    );
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(
      /GET\s+\/accounts\/1000000000000000001\/users\?filter=\(email="jane\.doe@example\.com"\).*200\s+\d+ ms/,
    );
    expect(done.stdout).toMatch(
      /POST\s+\/accounts\/1000000000000000001\/users\s+201\s+\d+ ms\n\s+sends Jane Doe <jane\.doe@example\.com>, locale en_US; licenses 6000000000000000001; GoTo's own welcome email\n/,
    );
    expect(done.stdout).toContain('"outcome": "created"');
    expect(done.stdout + done.stderr).not.toContain(SECRET);
  });

  it('de-provisions against a seeded fake', async () => {
    const done = await runAsProcess(
      [
        'try',
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
    const done = await runAsProcess(
      ['try', DEPROVISIONING, 'examples/unassign-standard.context.json', '--seed', seed],
      {
        GOTO_ACCESS_TOKEN: SECRET,
      },
    );
    expect(done.code).toBe(1);
    expect(done.stdout).toContain('"error": "ambiguous-user"');
    expect(done.stdout + done.stderr).not.toContain(SECRET);
  });

  it.each([
    [[PROVISIONING], "try: missing required argument 'context'"],
    [[PROVISIONING, 'missing.json'], 'cannot read the context file missing.json'],
    [
      ['package.json', 'examples/assign-standard.context.json'],
      'package.json is refused: it has no "// END OF OPTIONS" line',
    ],
    [
      [PROVISIONING, 'examples/assign-standard.context.json', '--real'],
      'try --real needs a GoTo access token: sign in with `npm run cli -- login`, or set the GOTO_ACCESS_TOKEN environment variable',
    ],
    [
      [
        PROVISIONING,
        'examples/assign-standard.context.json',
        '--real',
        '--seed',
        'examples/seed.json',
      ],
      '--seed seeds the built-in fake and cannot be combined with --real',
    ],
    [
      [
        PROVISIONING,
        'examples/assign-standard.context.json',
        '--api-base-url',
        'https://x.example',
      ],
      '--api-base-url applies only with --real',
    ],
    [
      [
        PROVISIONING,
        'examples/assign-standard.context.json',
        '--real',
        '--api-base-url',
        'http://10.1.2.3',
      ],
      '--api-base-url must be an https URL such as https://api.getgo.com/admin/rest/v1 (or http://127.0.0.1, http://[::1] or http://localhost, any port): "http://10.1.2.3" does not use https',
    ],
    [[PROVISIONING, 'README.md'], 'the context file README.md is not valid JSON: '],
    [
      [PROVISIONING, 'examples/assign-standard.context.json', '--seed', 'README.md'],
      'the seed file README.md is not valid JSON: ',
    ],
    [
      [PROVISIONING, 'examples/assign-standard.context.json', '--reel'],
      "unknown option '--reel' (Did you mean --real?); the options are --fake, --seed, --real, --api-base-url, --yes",
    ],
  ])('refuses %j with one line and exit code 2', async (args, words) => {
    vi.stubEnv('GOTO_ACCESS_TOKEN', '');
    const done = await runInProcess(['try', ...args]);
    vi.unstubAllEnvs();
    expect(done).toMatchObject({ code: 2, out: '' });
    expect(done.err.trim().split('\n')).toHaveLength(1);
    expect(done.err).toMatch(/^try: /);
    expect(done.err).toContain(words);
  });

  it('refuses a context file that holds a token', async () => {
    const context = tempJson('context.json', {
      OAuth2ProtocolConfiguration: JSON.stringify({ account_key: '1', access_token: SECRET }),
    });
    const done = await runInProcess(['try', PROVISIONING, context]);
    expect(done.code).toBe(2);
    expect(done.err).toContain(
      'contains an access_token: remove it from the file and set GOTO_ACCESS_TOKEN',
    );
    expect(done.err).not.toContain(SECRET);
  });
});
