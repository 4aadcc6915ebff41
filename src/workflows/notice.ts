import type { ErrorCode, Outcome, ProvisioningResult } from '../host/result';
import type { NotifyFormat } from '../options';

/**
 * What a notification says: the result's facts an administrator needs and a line saying what to
 * do, the same advice as the README's tables. Never the token (the result is redacted before it
 * gets here) and never `calls`: a webhook is a third party, told only what a person must know.
 */

/**
 * What to do about each failure: the README's table of errors, word for word without its
 * links and code marks, since a chat line shows neither.
 */
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
    'read the message; code license.not.found means a license key in ApplicationLicenses does not exist: npm run check names it. A redirect: check the apiBaseUrl option and what sits between MyWorkspace and GoTo. Otherwise quote the incident id to GoTo support.',
  'network-error':
    'check the path from MyWorkspace to the GoTo API (api.getgo.com, or the host of the apiBaseUrl option), then re-run.',
  'bad-response': 'report it with the calls listed in the result.',
};

const TITLE = { provision: 'GoToMeeting provisioning', deprovision: 'GoToMeeting de-provisioning' };

/** One line for a person: which run, how it ended, and what to do. */
export function summaryOf(result: ProvisioningResult): string {
  const who = result.email === '' ? 'a user without an address' : result.email;
  const how =
    result.outcome === 'failed' ? `FAILED (${String(result.error)})` : `ended "${result.outcome}"`;
  const todo =
    result.outcome === 'failed'
      ? ADVICE[result.error as ErrorCode]
      : adviceOf(result.outcome as Exclude<Outcome, 'failed'>);
  const dry = result.dryRun ? 'Dry run, nothing was changed: ' : '';
  return `${dry}${TITLE[result.workflow]} ${how} for ${who}: ${todo}`;
}

function adviceOf(outcome: Exclude<Outcome, 'failed'>): string {
  return outcome === 'skipped' ? 'enable the app if it should act.' : 'nothing to do.';
}

/** The facts of the JSON body, in order; only those the result has. */
function factsOf(result: ProvisioningResult, appLicenseKeys: string[]): Record<string, unknown> {
  const facts: Record<string, unknown> = {
    workflow: result.workflow,
    outcome: result.outcome,
  };
  if (result.error !== undefined) facts.error = result.error;
  facts.message = result.message;
  facts.email = result.email;
  if (result.accountKey !== undefined) facts.accountKey = result.accountKey;
  if (result.userKey !== undefined) facts.userKey = result.userKey;
  if (result.licenseKeys !== undefined) facts.licenseKeys = result.licenseKeys;
  facts.appLicenseKeys = appLicenseKeys;
  facts.dryRun = result.dryRun;
  facts.version = result.version;
  return facts;
}

/** The body to post, as JSON text, in the chosen format. */
export function noticeBody(
  result: ProvisioningResult,
  appLicenseKeys: string[],
  format: NotifyFormat,
): string {
  const summary = summaryOf(result);
  const facts = factsOf(result, appLicenseKeys);
  if (format === 'json') {
    const body: Record<string, unknown> = { text: summary };
    for (const name of Object.keys(facts)) body[name] = facts[name];
    return JSON.stringify(body);
  }
  const lines = Object.keys(facts)
    .filter((name) => name !== 'message')
    .map((name) => ({ title: name, value: shown(facts[name]) }));
  if (format === 'text') {
    const details = lines.map((fact) => `${fact.title}: ${fact.value}`).join(', ');
    return JSON.stringify({ text: plain(`${summary}\n${result.message}\n${details}`) });
  }
  return JSON.stringify({
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
            { type: 'TextBlock', text: summary, wrap: true, weight: 'Bolder' },
            { type: 'TextBlock', text: result.message, wrap: true },
            { type: 'FactSet', facts: lines },
          ],
        },
      },
    ],
  });
}

function shown(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') || 'none' : String(value);
}

/** A chat message's `<` and `>` open links and mentions; the message is shown as written. */
function plain(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}
