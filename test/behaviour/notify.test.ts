import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../../emulator';
import { ACCOUNT_KEY, hostContext, STANDARD, TOKEN } from '../../emulator/contexts';
import {
  createWebhookReceiver,
  type WebhookAnswer,
  withWebhook,
} from '../../emulator/webhook-receiver';
import type { BuildOptions } from '../../src/options';
import { fakeAccount } from '../support/accounts';
import { withOptionLine } from '../support/blocks';
import { type Case, runInEveryEngine } from '../support/both-engines';
import { buildWith } from '../support/builds';
import { builtScript, runScript } from '../support/scenario';

/**
 * The notification webhook, on the built scripts in both engines: one POST per notified run,
 * after the result is final and before `done`, with what an administrator needs and nothing
 * more; and whatever the webhook does, exactly one `done` and the outcome unchanged.
 */

const URL = 'https://hooks.example.test/services/T0001/B0001/s3cret-path';
const EMAIL = 'jane.doe@example.com';
const NO_SEAT = { licenses: [{ key: STANDARD, seats: 0 }] };

function notifying(options: Partial<BuildOptions> = {}): Partial<BuildOptions> {
  return { notifyUrl: URL, ...options };
}

const textOf = (body: unknown) => (body as { text?: unknown } | undefined)?.text;

type Answers = { answer: WebhookAnswer; times?: number }[];

async function run(c: Omit<Case, 'webhook'>, answers: Answers = []) {
  return runInEveryEngine({ ...c, webhook: { url: URL, answers } });
}

describe('which runs are notified', () => {
  it('a failed run, once, with the default notifyOn "failures"', async () => {
    const { result, received } = await run({
      script: 'provisioning',
      build: notifying(),
      fake: NO_SEAT,
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'no-seats' });
    expect(received).toHaveLength(1);
    expect(result.notified).toEqual({
      to: 'https://hooks.example.test',
      status: 200,
      delivered: true,
      attempts: 1,
    });
  });

  it('no run that succeeds, with "failures"', async () => {
    const { result, received } = await run({ script: 'provisioning', build: notifying() });
    expect(result.outcome).toBe('created');
    expect(received).toEqual([]);
    expect(result).not.toHaveProperty('notified');
  });

  it('every run, once, with "all"', async () => {
    const { result, received } = await run({
      script: 'deprovisioning',
      build: notifying({ notifyOn: 'all' }),
      fake: { users: [{ email: EMAIL, licenseKeys: [STANDARD] }] },
    });
    expect(result.outcome).toBe('unlicensed');
    expect(received).toHaveLength(1);
    expect(textOf(received[0]?.json)).toBe(
      'GoToMeeting de-provisioning ended "unlicensed" for jane.doe@example.com: nothing to do.',
    );
  });

  it('none without a notifyUrl, whatever notifyOn says: the calls are those of a run without it', async () => {
    const { result, received } = await run({
      script: 'provisioning',
      build: { notifyOn: 'all' },
      fake: NO_SEAT,
    });
    expect(received).toEqual([]);
    expect(result).not.toHaveProperty('notified');
  });

  it('a dry run too, saying it was one', async () => {
    const { result, received } = await run({
      script: 'provisioning',
      build: notifying({ notifyOn: 'all', dryRun: true }),
    });
    expect(result).toMatchObject({ outcome: 'created', dryRun: true });
    const body = received[0]?.json as Record<string, unknown>;
    expect(body.dryRun).toBe(true);
    expect(body.text).toMatch(
      /^Dry run, nothing was changed: GoToMeeting provisioning ended "created"/,
    );
  });

  it('a run whose other options are wrong, when the notification options are right', async () => {
    const code = withOptionLine(
      withOptionLine(builtScript('provisioning'), 'notifyUrl', JSON.stringify(URL)),
      'locale',
      '"english"',
    );
    const { result, received } = await run({ script: 'provisioning', code });
    expect(result).toMatchObject({ outcome: 'failed', error: 'invalid-options', calls: [] });
    expect(textOf(received[0]?.json)).toBe(
      'GoToMeeting provisioning FAILED (invalid-options) for jane.doe@example.com: correct the options block at the top of the script, or paste a fresh copy, then re-run.',
    );
  });
});

describe('what the notification says', () => {
  it('the JSON body: the result, the app keys, the version and what to do; no token, no calls', async () => {
    const { result, received } = await run({
      script: 'provisioning',
      build: notifying(),
      fake: NO_SEAT,
    });
    const [notice] = received;
    expect(notice?.contentType).toBe('application/json; charset=utf-8');
    expect(notice?.json).toEqual({
      text: 'GoToMeeting provisioning FAILED (no-seats) for jane.doe@example.com: free a seat or buy more, then re-run.',
      workflow: 'provision',
      outcome: 'failed',
      error: 'no-seats',
      message: result.message,
      email: EMAIL,
      accountKey: ACCOUNT_KEY,
      appLicenseKeys: [STANDARD],
      dryRun: false,
      version: result.version,
    });
    expect(notice?.text).not.toContain('calls');
    expect(notice?.text).not.toContain(TOKEN);
  });

  it('the token GoTo echoes back is redacted in the notification as in the result', async () => {
    const { result, received } = await run({
      script: 'provisioning',
      build: notifying(),
      faults: [
        {
          method: 'GET',
          times: Infinity,
          respond: {
            status: 500,
            body: `upstream said: Bearer ${TOKEN}`,
            contentType: 'text/plain',
          },
        },
      ],
    });
    expect(result.error).toBe('api-error');
    expect(received[0]?.text).toContain('[redacted]');
    expect(received[0]?.text).not.toContain(TOKEN);
  });

  it('"text": one { text } message for Slack, Google Chat and Mattermost, with the facts in it', async () => {
    const { received } = await run({
      script: 'provisioning',
      build: notifying({ notifyFormat: 'text' }),
      fake: NO_SEAT,
    });
    const body = received[0]?.json as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['text']);
    const lines = String(body.text).split('\n');
    expect(lines[0]).toBe(
      'GoToMeeting provisioning FAILED (no-seats) for jane.doe@example.com: free a seat or buy more, then re-run.',
    );
    expect(lines[2]).toContain(`appLicenseKeys: ${STANDARD}`);
    expect(lines[2]).toContain('version: ');
  });

  it('"teams": an Adaptive Card message, as a Teams "Send webhook alerts to a channel" workflow posts it', async () => {
    const { received } = await run({
      script: 'provisioning',
      build: notifying({ notifyFormat: 'teams' }),
      fake: NO_SEAT,
    });
    const body = received[0]?.json as {
      type: string;
      attachments: { contentType: string; content: { type: string; body: { text?: string }[] } }[];
    };
    expect(body.type).toBe('message');
    expect(body.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.attachments[0]?.content.type).toBe('AdaptiveCard');
    expect(body.attachments[0]?.content.body[0]?.text).toMatch(
      /^GoToMeeting provisioning FAILED \(no-seats\)/,
    );
  });

  it("records where it went without the URL's path or query, which hold webhooks' secrets", async () => {
    const url = `${URL}?key=AIza-query-secret&token=t0ken-query-secret`;
    const { result, received } = await runInEveryEngine({
      script: 'provisioning',
      build: notifying({ notifyUrl: url }),
      fake: NO_SEAT,
      webhook: { url },
    });
    expect(received[0]?.url).toBe(url);
    expect(result.notified?.to).toBe('https://hooks.example.test');
    expect(JSON.stringify(result)).not.toMatch(/query-secret|s3cret-path/);
  });
});

describe('whatever the webhook does, one done and the outcome unchanged', () => {
  const faults: [string, Answers, object][] = [
    ['a 500', [{ answer: { status: 500 } }], { status: 500, delivered: false, attempts: 1 }],
    [
      'a 404 with an HTML page',
      [{ answer: { status: 404, body: '<html>no</html>', contentType: 'text/html' } }],
      { status: 404, delivered: false },
    ],
    ['a 429', [{ answer: { status: 429 } }], { status: 429, delivered: false, attempts: 1 }],
    [
      'malformed JSON',
      [{ answer: { status: 200, body: '{"ok": ', contentType: 'application/json' } }],
      { status: 200, delivered: true },
    ],
    [
      'one network error: sent again, once',
      [{ answer: { networkError: true }, times: 1 }],
      { status: 200, delivered: true, attempts: 2 },
    ],
    [
      'network errors only',
      [{ answer: { networkError: true } }],
      { status: null, delivered: false, attempts: 2, failure: 'network-error' },
    ],
    ['a slow answer', [{ answer: { delayMs: 300 } }], { status: 200, delivered: true }],
    [
      'no answer: restler gives up after its timeout',
      [{ answer: { noAnswer: true } }],
      { status: null, delivered: false, attempts: 1, failure: 'timeout' },
    ],
  ];

  it.each(faults)('%s', async (_, answers, notified) => {
    const { result, received } = await run(
      { script: 'provisioning', build: notifying(), fake: NO_SEAT },
      answers,
    );
    expect(result).toMatchObject({ outcome: 'failed', error: 'no-seats' });
    expect(result.notified).toMatchObject({ to: 'https://hooks.example.test', ...notified });
    expect(received.length).toBe((notified as { attempts?: number }).attempts ?? 1);
  });

  it('a redirect: never followed, so the body goes nowhere else', async () => {
    const elsewhere = 'https://collector.example.test/take';
    const { result, received } = await run(
      { script: 'provisioning', build: notifying(), fake: NO_SEAT },
      [{ answer: { status: 307, headers: { location: elsewhere } } }],
    );
    expect(result.outcome).toBe('failed');
    expect(result.notified).toMatchObject({ status: 307, delivered: false, attempts: 1 });
    expect(received.map((notice) => notice.url)).toEqual([URL]);
  });

  it('a frozen context: the run is still notified, and done called once', async () => {
    const webhook = createWebhookReceiver(URL);
    const context = Object.freeze(hostContext());
    const run = await runBuiltScript({
      script: (await buildWith(notifying())).provisioning,
      context,
      api: withWebhook(fakeAccount(NO_SEAT), webhook),
    });
    expect(run.doneCalls).toBe(1);
    expect(run.context).toBe(context);
    expect(textOf(webhook.received[0]?.json)).toMatch(/FAILED \(no-seats\)/);
  });

  it('a redirect through restler itself, asked not to follow it', async () => {
    const webhook = createWebhookReceiver(URL);
    const elsewhere = createWebhookReceiver('https://collector.example.test/take');
    webhook.answerWith({ status: 302, headers: { location: elsewhere.url } });
    const run = await runScript('provisioning', fakeAccount(NO_SEAT), hostContext(), {
      code: (await buildWith(notifying())).provisioning,
      webhook: { ...webhook, handlers: [...webhook.handlers, ...elsewhere.handlers] },
    });
    expect(run.result.notified).toMatchObject({ status: 302, delivered: false, attempts: 1 });
    expect(elsewhere.received).toEqual([]);
  });

  it.each([
    [
      'complete fired twice',
      { completeTwice: { match: { url: /hooks\.example/ }, second: 'same' as const } },
    ],
    [
      'complete fired again with null (restler #155)',
      { completeTwice: { match: { url: /hooks\.example/ }, second: 'null' as const } },
    ],
    ['a host without retry, on a network error', { noRetry: true }],
    // A response that throws when read is a cell of the fault matrix (V8 only: QuickJS gets copies).
  ])('a host fault: %s', async (name, hostFaults) => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      build: notifying(),
      fake: NO_SEAT,
      hostFaults,
      webhook: {
        url: URL,
        answers: name.includes('network') ? [{ answer: { networkError: true } }] : [],
      },
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'no-seats' });
    expect(result.notified?.to).toBe('https://hooks.example.test');
  });
});
