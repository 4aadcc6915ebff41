import { describe, expect, it } from 'vitest';
import { STANDARD } from '../../emulator/contexts';
import type { WebhookAnswer } from '../../emulator/webhook-receiver';
import { runInEveryEngine } from '../support/both-engines';

/**
 * How the notification's POST is sent and how its answer is recorded in `notified`, in every
 * engine: what the webhook is asked for, which statuses count as delivered, and the attempts a
 * network error costs when the host cannot retry or repeats its `complete` event.
 */

const URL = 'https://hooks.example.test/services/T0001/B0001/s3cret-path';
const NO_SEAT = { licenses: [{ key: STANDARD, seats: 0 }] };

async function notifiedFailure(
  answers: { answer: WebhookAnswer; times?: number }[],
  hostFaults?: Parameters<typeof runInEveryEngine>[0]['hostFaults'],
) {
  const { result, received } = await runInEveryEngine({
    script: 'provisioning',
    build: { notifyUrl: URL },
    fake: NO_SEAT,
    webhook: { url: URL, answers },
    ...(hostFaults ? { hostFaults } : {}),
  });
  expect(result).toMatchObject({ outcome: 'failed', error: 'no-seats' });
  return { result, received };
}

describe('the notification POST', () => {
  it('sends JSON and asks for JSON back', async () => {
    const { received } = await notifiedFailure([]);
    expect(received).toHaveLength(1);
    expect(received[0]?.contentType).toBe('application/json; charset=utf-8');
    expect(received[0]?.accept).toBe('application/json');
  });
});

describe('which answers count as delivered', () => {
  it.each([
    { status: 299, delivered: true },
    // A redirect is not followed: the webhook did not take the message.
    { status: 300, delivered: false },
  ])('a $status: delivered $delivered, after one POST', async ({ status, delivered }) => {
    const { result, received } = await notifiedFailure([{ answer: { status } }]);
    expect(result.notified).toEqual({
      to: 'https://hooks.example.test',
      status,
      delivered,
      attempts: 1,
    });
    expect(received).toHaveLength(1);
  });
});

describe('a network error under host faults', () => {
  it('a host without retry: one attempt, recorded as a network error', async () => {
    const { result, received } = await notifiedFailure([{ answer: { networkError: true } }], {
      noRetry: true,
    });
    expect(result.notified).toEqual({
      to: 'https://hooks.example.test',
      status: null,
      delivered: false,
      attempts: 1,
      failure: 'network-error',
    });
    expect(received).toHaveLength(1);
  });

  it('complete fired twice for the failed attempt: the one retry still delivers', async () => {
    const { result, received } = await notifiedFailure(
      [{ answer: { networkError: true }, times: 1 }],
      { completeTwice: { match: { url: /hooks\.example/ }, second: 'same' } },
    );
    expect(result.notified).toEqual({
      to: 'https://hooks.example.test',
      status: 200,
      delivered: true,
      attempts: 2,
    });
    expect(received).toHaveLength(2);
  });
});
