import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../../emulator';
import { hostContext } from '../../emulator/contexts';
import { createWebhookReceiver, withWebhook } from '../../emulator/webhook-receiver';
import { fakeAccount } from '../support/accounts';
import { buildWith } from '../support/builds';
import { runScript } from '../support/scenario';

/**
 * How a run ends when it stops before it reaches GoTo: what its result holds, a host context
 * that throws when it is read, and a context that is not an object while a webhook is set.
 */

const URL = 'https://hooks.example.test/services/T0001/B0001/s3cret-path';

describe('a run that stops before the account is known', () => {
  it.each(['provisioning', 'deprovisioning'] as const)(
    '%s: a rejected context gives a result without an accountKey field',
    async (name) => {
      const fake = fakeAccount();
      const run = await runScript(name, fake, hostContext({ email: 'not an address' }));
      expect(run.result).toMatchObject({ outcome: 'failed', error: 'invalid-context', calls: [] });
      expect(Object.keys(run.result)).not.toContain('accountKey');
      expect(fake.requests).toEqual([]);
    },
  );
});

describe('a host context that throws when it is read', () => {
  it.each(['provisioning', 'deprovisioning'] as const)(
    '%s: ends once, as bad-response naming the error, with no call',
    async (name) => {
      const fake = fakeAccount();
      const context = hostContext();
      Object.defineProperty(context, 'ProvisionedUser', {
        enumerable: true,
        get() {
          throw new Error('the directory entry is locked');
        },
      });
      const run = await runScript(name, fake, context, { timeoutMs: 2000 });
      expect(run.result).toMatchObject({ outcome: 'failed', error: 'bad-response', calls: [] });
      expect(run.result.message).toBe(
        'The script stopped on an unexpected error (the directory entry is locked); nothing further was sent. Please report this with the calls listed here.',
      );
      expect(fake.requests).toEqual([]);
    },
  );
});

describe('a list as the whole context, with a webhook', () => {
  it('is notified of the rejection, and nothing is written into the list', async () => {
    const webhook = createWebhookReceiver(URL);
    const context: unknown[] = [];
    const run = await runBuiltScript({
      script: (await buildWith({ notifyUrl: URL })).provisioning,
      context,
      api: withWebhook(fakeAccount(), webhook),
    });
    expect(run.doneCalls).toBe(1);
    expect(run.context).toBe(context);
    expect(Object.keys(context)).toEqual([]);
    expect(webhook.received).toHaveLength(1);
    expect(webhook.received[0]?.json).toMatchObject({
      outcome: 'failed',
      error: 'invalid-context',
    });
  });
});
