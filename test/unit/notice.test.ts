import { describe, expect, it } from 'vitest';
import type { ErrorCode, ProvisioningResult } from '../../src/host/result';
import { noticeBody, summaryOf } from '../../src/workflows/notice';

/**
 * The first line of every notification: which run, how it ended, and what to do. The advice is
 * the README's table of errors ("what to do"), shortened for a chat line; a person acts on it,
 * so each one is pinned word for word.
 */

const result = (fields: Partial<ProvisioningResult>): ProvisioningResult => ({
  workflow: 'provision',
  outcome: 'failed',
  ok: false,
  message: 'the message',
  email: 'jane.doe@example.com',
  dryRun: false,
  calls: [],
  version: '2.0.0',
  ...fields,
});

const ADVICE: Record<ErrorCode, string> = {
  'invalid-options':
    'correct the options block at the top of the script, or paste a fresh copy, then re-run.',
  'invalid-context': "fix the app's settings or the user's directory entry, then re-run.",
  unauthorized: "reconnect the app's OAuth configuration with a GoTo admin account, then re-run.",
  forbidden:
    'connect with a GoTo super user or an admin with user and license rights; check account_key or the accountKey option.',
  'ambiguous-user': 'remove or rename the duplicate in GoTo Admin Center, then re-run.',
  'other-account': 'have the user leave that GoTo account (or remove them from it), then re-run.',
  'no-seats': 'free a seat or buy more, then re-run.',
  'rate-limited':
    're-run later, once other assignments are done; ask GoTo support for a higher limit if it persists.',
  'api-error':
    "read the message: license.not.found means a key in ApplicationLicenses does not exist; otherwise quote GoTo's incident id to GoTo support.",
  'network-error': 'check the path from MyWorkspace to the GoTo API, then re-run.',
  'bad-response': 'report it with the calls listed in the run result.',
};

describe('the summary line of a notification', () => {
  for (const [error, advice] of Object.entries(ADVICE)) {
    it(`says what to do about ${error}`, () => {
      expect(summaryOf(result({ error: error as ErrorCode }))).toBe(
        `GoToMeeting provisioning FAILED (${error}) for jane.doe@example.com: ${advice}`,
      );
    });
  }

  it('says there is nothing to do after a change, and to enable a skipped app', () => {
    expect(summaryOf(result({ outcome: 'created', ok: true }))).toBe(
      'GoToMeeting provisioning ended "created" for jane.doe@example.com: nothing to do.',
    );
    expect(summaryOf(result({ workflow: 'deprovision', outcome: 'deleted', ok: true }))).toBe(
      'GoToMeeting de-provisioning ended "deleted" for jane.doe@example.com: nothing to do.',
    );
    expect(summaryOf(result({ outcome: 'skipped', ok: true }))).toBe(
      'GoToMeeting provisioning ended "skipped" for jane.doe@example.com: enable the app if it should act.',
    );
  });

  it('starts a dry run with what it did not do, and names a run without an address', () => {
    expect(summaryOf(result({ outcome: 'licensed', ok: true, dryRun: true }))).toBe(
      'Dry run, nothing was changed: GoToMeeting provisioning ended "licensed" for jane.doe@example.com: nothing to do.',
    );
    expect(summaryOf(result({ error: 'invalid-context', email: '' }))).toBe(
      "GoToMeeting provisioning FAILED (invalid-context) for a user without an address: fix the app's settings or the user's directory entry, then re-run.",
    );
  });
});

describe('the body of a notification', () => {
  const removed = result({
    workflow: 'deprovision',
    outcome: 'unlicensed',
    ok: true,
    message: 'Removed licenses 1, 2 from GoTo user <jane>.',
    accountKey: '123',
    userKey: '77',
    licenseKeys: ['1', '2'],
  });

  it('"text": the summary, the message, then every other fact on one line, no message twice', () => {
    expect(JSON.parse(noticeBody(removed, ['1', '2'], 'text'))).toEqual({
      text: [
        'GoToMeeting de-provisioning ended "unlicensed" for jane.doe@example.com: nothing to do.',
        'Removed licenses 1, 2 from GoTo user ‹jane›.',
        'workflow: deprovision, outcome: unlicensed, email: jane.doe@example.com, accountKey: 123, userKey: 77, licenseKeys: 1, 2, appLicenseKeys: 1, 2, dryRun: false, version: 2.0.0',
      ].join('\n'),
    });
  });

  it('"teams": an Adaptive Card 1.4 with the summary, the message and a fact set without the message', () => {
    expect(JSON.parse(noticeBody(removed, [], 'teams'))).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              {
                type: 'TextBlock',
                text: 'GoToMeeting de-provisioning ended "unlicensed" for jane.doe@example.com: nothing to do.',
                wrap: true,
                weight: 'Bolder',
              },
              {
                type: 'TextBlock',
                text: 'Removed licenses 1, 2 from GoTo user <jane>.',
                wrap: true,
              },
              {
                type: 'FactSet',
                facts: [
                  { title: 'workflow', value: 'deprovision' },
                  { title: 'outcome', value: 'unlicensed' },
                  { title: 'email', value: 'jane.doe@example.com' },
                  { title: 'accountKey', value: '123' },
                  { title: 'userKey', value: '77' },
                  { title: 'licenseKeys', value: '1, 2' },
                  { title: 'appLicenseKeys', value: 'none' },
                  { title: 'dryRun', value: 'false' },
                  { title: 'version', value: '2.0.0' },
                ],
              },
            ],
          },
        },
      ],
    });
  });
});
