import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorCode, Outcome, ProvisioningResult } from '../../src/host/result';
import { noticeBody, summaryOf } from '../../src/workflows/notice';

/**
 * The first line of every notification: which run, how it ended, and what to do. What to do is
 * the README's tables ("what to do"), read from the README itself, so that the advice a person
 * gets in a chat is the advice the documentation gives; a chat line shows neither links nor code
 * marks, so those go.
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

/** The "what to do" column of the README table whose first heading is `heading`, by row. */
function whatToDo(heading: string): Map<string, string> {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const lines = readme.split('\n');
  const top = lines.findIndex((line) => line.startsWith(`| ${heading} |`));
  const rows = new Map<string, string>();
  for (const line of lines.slice(top + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((cell) => cell.trim());
    rows.set(plain(cells[1] ?? ''), `${plain(cells[3] ?? '')}.`);
  }
  return rows;
}

/** A cell as a chat line shows it: no "(see …)" link, no link markup, no code marks. */
function plain(cell: string): string {
  return cell
    .replace(/ \(see \[[^\]]*\]\([^)]*\)\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '');
}

/** Every code and outcome a result may carry; the types make sure none is missing. */
const EVERY_ERROR: Record<ErrorCode, true> = {
  'invalid-options': true,
  'invalid-context': true,
  unauthorized: true,
  forbidden: true,
  'ambiguous-user': true,
  'other-account': true,
  'no-seats': true,
  'rate-limited': true,
  'api-error': true,
  'network-error': true,
  'bad-response': true,
};
const EVERY_OUTCOME: Record<Outcome, true> = {
  created: true,
  licensed: true,
  unlicensed: true,
  deleted: true,
  'not-found': true,
  unchanged: true,
  skipped: true,
  failed: true,
};

const ERRORS = whatToDo('`error`');
const OUTCOMES = whatToDo('outcome');

describe('the summary line of a notification', () => {
  it("has the README's advice for every error code and every outcome", () => {
    expect([...ERRORS.keys()].sort()).toEqual(Object.keys(EVERY_ERROR).sort());
    expect([...OUTCOMES.keys()].sort()).toEqual(Object.keys(EVERY_OUTCOME).sort());
  });

  for (const [error, advice] of ERRORS) {
    it(`says what to do about ${error}`, () => {
      expect(summaryOf(result({ error: error as ErrorCode }))).toBe(
        `GoToMeeting provisioning FAILED (${error}) for jane.doe@example.com: ${advice}`,
      );
    });
  }

  for (const [outcome, advice] of OUTCOMES) {
    if (outcome === 'failed') continue;
    it(`says what to do after a run that ended ${outcome}`, () => {
      const workflow = ['unlicensed', 'deleted', 'not-found'].includes(outcome)
        ? 'deprovision'
        : 'provision';
      const title = workflow === 'provision' ? 'provisioning' : 'de-provisioning';
      expect(summaryOf(result({ workflow, outcome: outcome as Outcome, ok: true }))).toBe(
        `GoToMeeting ${title} ended "${outcome}" for jane.doe@example.com: ${advice}`,
      );
    });
  }

  it('starts a dry run with what it did not do, and names a run without an address', () => {
    expect(summaryOf(result({ outcome: 'licensed', ok: true, dryRun: true }))).toBe(
      'Dry run, nothing was changed: GoToMeeting provisioning ended "licensed" for jane.doe@example.com: nothing to do.',
    );
    expect(summaryOf(result({ error: 'invalid-context', email: '' }))).toBe(
      `GoToMeeting provisioning FAILED (invalid-context) for a user without an address: ${ERRORS.get('invalid-context')}`,
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
