import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseBuildRequest } from '../../cli/build/flags';
import { hostContext } from '../../emulator/contexts';
import type { FakeGoto } from '../../emulator/fake-goto';
import { fileOf } from '../../scripts/build/scripts';
import { DEFAULT_OPTIONS } from '../../src/options';
import { fakeAccount } from '../support/accounts';
import { buildWith } from '../support/builds';
import { runInProcess } from '../support/cli';
import { expectCleanEnd } from '../support/expectations';
import { runScript, type ScriptName } from '../support/scenario';

const run = promisify(execFile);
const EMAIL = 'jane.doe@example.com';

/** The lines a build with these flags prints, and that it exits 2, as a usage mistake does. */
async function problemsOf(argv: string[]): Promise<string[]> {
  const done = await runInProcess([
    'build',
    ...argv,
    '--out',
    mkdtempSync(join(tmpdir(), 'goto-o-')),
  ]);
  expect(done.code).toBe(2);
  expect(done.out).toBe('');
  return done.err
    .trim()
    .split('\n')
    .map((line) => line.replace(/^build: /, ''));
}

function configFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'goto-options-')), 'options.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('build options: bad values stop the build with one clear line each', () => {
  it.each([
    [['--deprovision-mode', 'purge'], '--deprovision-mode must be "remove-licenses"'],
    [['--welcome-email', 'none'], '--welcome-email must be "goto-default" or "suppress"'],
    [['--welcome-subject', 'Hi'], "the custom email's text must be non-empty text"],
    [['--welcome-email', 'suppress', '--welcome-text', 'x'], 'cannot be combined'],
    [['--locale', 'en-us'], 'locale must be a GoTo locale of the form ll_CC'],
    [['--locale', 'english'], 'not "english"'],
    [['--max-retries=-1'], '--max-retries must be a whole number from 0 to 10, not "-1"'],
    [['--max-retries', '-1'], '--max-retries must be a whole number from 0 to 10, not "-1"'],
    [['--dry-run', 'maybe'], '--dry-run must be true or false, not "maybe"'],
    [['--max-retries', 'three'], 'not "three"'],
    [['--max-retries', '11'], 'not 11'],
    [['--api-base-url', 'http://api.getgo.com/admin/rest/v1'], 'does not use https'],
    [['--api-base-url', 'http://127.0.0.1:8080'], 'does not use https'],
    [['--api-base-url', 'api.getgo.com'], '--api-base-url must be an https URL'],
    [['--api-base-url', 'https://u:p@api.getgo.com/x'], 'without credentials, query or fragment'],
    [['--notify-url', 'http://hooks.example.com/x'], '--notify-url must be an https URL'],
    [['--notify-url', 'http://hooks.example.com/x'], 'does not use https'],
    [['--notify-url', 'https://hooks.example.com/x#part'], 'without credentials or fragment'],
    [['--notify-url', 'hooks.example.com/x'], '(or null: no notification)'],
    [['--notify-on', 'failed'], '--notify-on must be "failures" (the default'],
    [['--notify-format', 'slack'], '--notify-format must be "json" (the result\'s fields), "text"'],
    [['--verbose'], "unknown option '--verbose'; the options are --config, --out,"],
  ])('%j', async (argv, words) => {
    const problems = await problemsOf(argv);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(words);
  });

  it.each([
    [{ mode: 'delete' }, 'unknown option "mode": the options are deprovisionMode, welcomeEmail'],
    [{ maxRetries: '3' }, 'maxRetries must be a whole number from 0 to 10, not "3"'],
    [{ maxRetries: 2.5 }, 'not 2.5'],
    [{ dryRun: 'yes' }, 'dryRun must be true or false, not "yes"'],
    [{ welcomeEmail: { subject: 'Hi', text: 'Hello', from: 'x' } }, 'unknown field "from"'],
    [{ welcomeEmail: { subject: ' ', text: 'Hello' } }, 'subject must be non-empty text'],
    [{ locale: 42 }, 'not 42'],
    ['{"locale": ', 'is not valid JSON'],
    ['["en_US"]', 'must hold a JSON object of options'],
  ])('config file %j', async (content, words) => {
    const problems = await problemsOf(['--config', configFile(content)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(words);
  });

  it('reports every bad value at once, one line each', async () => {
    const problems = await problemsOf([
      '--config',
      configFile({ locale: 'x', dryRun: 1, extra: true }),
    ]);
    expect(problems).toHaveLength(3);
  });

  it('names a config file that cannot be read', async () => {
    expect(await problemsOf(['--config', '/nonexistent/options.json'])).toEqual([
      'config file /nonexistent/options.json cannot be read: check the path',
    ]);
  });

  it('takes a notification webhook: https with its query, or plain http to this machine', () => {
    const slack = 'https://hooks.slack.com/services/T0/B0/XYZ';
    const chat = 'https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t';
    for (const notifyUrl of [slack, chat, 'http://127.0.0.1:8080/hook', 'http://localhost/hook/']) {
      expect(parseBuildRequest({ notifyUrl }).options.notifyUrl).toBe(notifyUrl);
    }
    expect(
      parseBuildRequest({ notifyUrl: slack, notifyOn: 'all', notifyFormat: 'teams' }).options,
    ).toMatchObject({ notifyOn: 'all', notifyFormat: 'teams' });
  });

  it('takes flags over the config file, and defaults for the rest', () => {
    const path = configFile({ locale: 'de_DE', maxRetries: 5, welcomeEmail: 'suppress' });
    const request = parseBuildRequest({ config: path, maxRetries: '1', out: 'out/x' });
    expect(request).toEqual({
      outDir: 'out/x',
      options: { ...DEFAULT_OPTIONS, locale: 'de_DE', maxRetries: 1, welcomeEmail: 'suppress' },
    });
  });

  it('exits 2 from the npm script with the line on stderr, writing nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'goto-build-'));
    const failure = await run('npm', [
      'run',
      '--silent',
      'build',
      '--',
      '--locale',
      'en-us',
      '--out',
      out,
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim().split('\n')).toEqual([
      'build: --locale must be a GoTo locale of the form ll_CC, such as en_US or de_DE, not "en-us"',
    ]);
    expect(existsSync(join(out, fileOf('provisioning')))).toBe(false);
  });

  it('writes a tailored build to --out, with its options in the block', async () => {
    const out = mkdtempSync(join(tmpdir(), 'goto-build-'));
    const done = await runInProcess([
      'build',
      '--deprovision-mode',
      'delete',
      '--dry-run',
      '--out',
      out,
    ]);
    expect(done.code).toBe(0);
    const code = readFileSync(join(out, fileOf('deprovisioning')), 'utf8');
    expect(code).toContain('\n  deprovisionMode: "delete",\n');
    expect(code).toContain('\n  dryRun: true,\n');
  });
});

describe('build options change what the built scripts do', () => {
  const runBuilt = async (
    name: ScriptName,
    code: string,
    fake: FakeGoto,
    context = hostContext(),
  ) => {
    const result = await runScript(name, fake, context, { code });
    expectCleanEnd(result);
    return result.result;
  };

  it('welcomeEmail "goto-default" lets GoTo send its invitation', async () => {
    const fake = fakeAccount();
    await runBuilt('provisioning', (await buildWith({})).provisioning, fake);
    expect(fake.sentEmails()).toEqual([{ to: EMAIL, kind: 'default' }]);
  });

  it('welcomeEmail "suppress" sends no email', async () => {
    const fake = fakeAccount();
    const result = await runBuilt(
      'provisioning',
      (await buildWith({ welcomeEmail: 'suppress' })).provisioning,
      fake,
    );
    expect(result.outcome).toBe('created');
    expect(fake.sentEmails()).toEqual([]);
  });

  it('welcomeEmail {subject, text} sends the custom email', async () => {
    const fake = fakeAccount();
    const welcomeEmail = { subject: 'Welcome', text: 'Your GoToMeeting seat is ready.' };
    await runBuilt('provisioning', (await buildWith({ welcomeEmail })).provisioning, fake);
    expect(fake.sentEmails()).toEqual([{ to: EMAIL, kind: 'custom', ...welcomeEmail }]);
  });

  it("locale sets the new user's locale", async () => {
    const fake = fakeAccount();
    await runBuilt('provisioning', (await buildWith({ locale: 'de_DE' })).provisioning, fake);
    expect(fake.user(EMAIL)?.locale).toBe('de_DE');
  });

  it.each([
    [0, 1],
    [1, 2],
    [5, 6],
  ])(
    'maxRetries %i makes %i attempts at a lookup that keeps failing',
    async (maxRetries, attempts) => {
      const fake = fakeAccount();
      fake.inject({ method: 'GET', times: Infinity, respond: { status: 503 } });
      const result = await runBuilt(
        'provisioning',
        (await buildWith({ maxRetries })).provisioning,
        fake,
      );
      expect(result.error).toBe('api-error');
      expect(result.calls).toHaveLength(attempts);
    },
  );

  it('apiBaseUrl sends every call to that API', async () => {
    const apiBaseUrl = 'https://goto-proxy.example.test/admin/rest/v1';
    const fake = fakeAccount({ baseUrl: apiBaseUrl });
    const result = await runBuilt(
      'provisioning',
      (await buildWith({ apiBaseUrl })).provisioning,
      fake,
    );
    expect(result.outcome).toBe('created');
    expect(fake.requests).toHaveLength(2);
  });
});
