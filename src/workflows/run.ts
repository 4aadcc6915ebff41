import { isRecord } from '../common/values';
import type { GotoApi } from '../goto/client';
import { whoAmI } from '../goto/me';
import { createTransport, type Transport } from '../goto/transport';
import { type HostContext, readContext, type Settings } from '../host/context';
import { redact } from '../host/redact';
import type { Rest } from '../host/rest';
import type { CallRecord, Failure, Outcome, ProvisioningResult, Workflow } from '../host/result';
import type { BuildInfo, BuildOptions, NotifyFormat, NotifyOn } from '../options';
import { type CheckedOptions, validateOptions } from '../validate-options';
import { chooseAccount } from './account-choice';
import { noticeBody } from './notice';
import { sendNotification } from './notify';

/**
 * What every run shares: check the script's options block and read the context, skip or reject
 * either before any call, find the GoTo
 * account (the `accountKey` option, the connection's `account_key`, else one `GET /me`), wire
 * the GoTo calls to the host's `rest`, and end exactly once with `context.ProvisioningResult` and
 * `done(context)`, whatever happens on the way. A run the options say to notify posts its result
 * to the webhook first, and ends when that is settled, whatever the webhook does.
 */

export interface Host {
  context: HostContext;
  rest: Rest;
  done(context: HostContext): void;
}

export interface Details {
  userKey?: string;
  licenseKeys?: string[];
}

export interface Run {
  settings: Settings;
  options: BuildOptions;
  api: GotoApi;
  succeed(outcome: Exclude<Outcome, 'failed'>, message: string, details?: Details): void;
  fail(failure: Failure, details?: Details): void;
}

export function runWorkflow(
  workflow: Workflow,
  host: Host,
  build: BuildInfo,
  body: (run: Run) => void,
): void {
  const calls: CallRecord[] = [];
  let ended = false;
  /** Until the options are checked, a dry run only if the block asks for one. */
  let dryRun = isDryRunBlock(build.options);
  let email = '';
  let token = '';
  let accountKey: string | undefined;
  /** Said in the final message when the account was chosen among several for the admin. */
  let accountNote = '';
  let appLicenseKeys: string[] = [];
  let notify: NotifyTarget | undefined;

  const finish = (result: ProvisioningResult) => {
    try {
      if (isRecord(host.context)) host.context.ProvisioningResult = result;
    } finally {
      try {
        host.done(host.context);
      } catch (_) {
        // The host's own failure: nothing useful can be done from inside the script.
      }
    }
  };

  const end = (outcome: Outcome, message: string, details: Details, failure?: Failure) => {
    if (ended) return;
    ended = true;
    const result: ProvisioningResult = {
      workflow,
      outcome,
      ok: outcome !== 'failed',
      message: message + accountNote,
      email,
      dryRun,
      calls,
      version: build.version,
    };
    if (failure) result.error = failure.code;
    if (accountKey !== undefined) result.accountKey = accountKey;
    if (details.userKey !== undefined) result.userKey = details.userKey;
    if (details.licenseKeys !== undefined) result.licenseKeys = details.licenseKeys;
    const safe = redact(result, token);
    const target = notify && (notify.on === 'all' || outcome === 'failed') ? notify : undefined;
    let body: string | undefined;
    try {
      if (target) body = noticeBody(safe, appLicenseKeys, target.format);
    } catch (_) {
      body = undefined;
    }
    if (target === undefined || body === undefined) return finish(safe);
    try {
      // Written before the webhook is waited for: a host that stops the run then still has it.
      if (isRecord(host.context)) host.context.ProvisioningResult = safe;
    } catch (_) {
      // A context that cannot be written to is the host's; the notification still goes.
    }
    sendNotification(host.rest, target.url, body, (record) => {
      safe.notified = record;
      finish(safe);
    });
  };
  const fail = (failure: Failure, details: Details = {}) =>
    end('failed', failure.message, details, failure);
  const crash = (error: unknown) =>
    fail({
      code: 'bad-response',
      message: `The script stopped on an unexpected ${describeCrash(error)}; nothing further was sent. Please report this with the calls listed here.`,
    });

  try {
    const checked = validateOptions(build.options, { workflow });
    notify = notifyTarget(build.options, checked, workflow);
    const reading = readContext(host.context);
    token = reading.accessToken;
    email = reading.kind === 'ready' ? reading.settings.email : reading.email;
    if (reading.kind === 'ready') appLicenseKeys = reading.settings.licenseKeys;
    if ('problems' in checked) {
      fail(invalidOptions(checked.problems));
      return;
    }
    const options = checked.options;
    dryRun = options.dryRun;
    if (reading.kind === 'disabled') {
      end(
        'skipped',
        `Provisioning is disabled for this app (${reading.reason}); nothing was done.`,
        {},
      );
      return;
    }
    if (reading.kind === 'invalid') {
      fail(invalidContext(reading.problem, 'No GoTo call was made.'));
      return;
    }
    const settings = reading.settings;
    // Checked before the account is looked up: a setup mistake must cost no call at all.
    const actsOnLicenseKeys =
      workflow === 'provision' || options.deprovisionMode === 'remove-licenses';
    if (actsOnLicenseKeys && settings.licenseKeys.length === 0) {
      fail(noLicenseKeys());
      return;
    }
    const transport = createTransport({
      rest: host.rest,
      baseUrl: options.apiBaseUrl,
      accessToken: settings.accessToken,
      maxRetries: options.maxRetries,
      retryBudgetSeconds: options.retryBudgetSeconds,
      record: (call) => calls.push(call),
      crash,
      ended: () => ended,
    });
    const start = (account: string) => {
      accountKey = account;
      body({
        settings,
        options,
        api: connect(transport, account, options.dryRun, calls),
        succeed: (outcome, message, details = {}) => end(outcome, message, details),
        fail,
      });
    };
    const known = chooseAccount(options.accountKey, settings.accountKey);
    if (known !== undefined) {
      start(known.key);
      return;
    }
    whoAmI(transport, (reply) => {
      if (!reply.ok) return fail(reply.failure);
      const { accountKey: account, accounts } = reply.value;
      if (accounts > 1) {
        accountNote = ` GoTo account ${account} was used: it is the connected admin's default of the ${accounts} accounts they manage; set the accountKey build option to act in another.`;
      }
      start(account);
    });
  } catch (error) {
    crash(error);
  }
}

function connect(
  transport: Transport,
  accountKey: string,
  dryRun: boolean,
  calls: CallRecord[],
): GotoApi {
  return {
    transport,
    accountKey,
    dryRun,
    planned: (request) => {
      const call: CallRecord = {
        method: request.method,
        path: request.path,
        status: null,
        planned: true,
      };
      if (request.body !== undefined) call.body = request.body;
      calls.push(call);
    },
    oneKeyPerCall: false,
  };
}

export function invalidContext(problem: string, consequence: string): Failure {
  return {
    code: 'invalid-context',
    message: `The workflow context cannot be used: ${problem}. ${consequence}`,
  };
}

/** Provisioning and remove-licenses de-provisioning act on this app's keys: none is a setup error. */
function noLicenseKeys(): Failure {
  return invalidContext(
    'Application.ApplicationSettings.Fields.ApplicationLicenses is empty; list the license keys this app hands out',
    'No GoTo call was made.',
  );
}

interface NotifyTarget {
  url: string;
  on: NotifyOn;
  format: NotifyFormat;
}

/**
 * Where the run is to be notified. When other options are wrong, the notification options are
 * still used if they are right on their own: the webhook is how an administrator hears of it.
 */
function notifyTarget(
  raw: unknown,
  checked: CheckedOptions,
  workflow: Workflow,
): NotifyTarget | undefined {
  let options: BuildOptions | undefined = 'options' in checked ? checked.options : undefined;
  if (options === undefined && isRecord(raw)) {
    const own = validateOptions(
      { notifyUrl: raw.notifyUrl, notifyOn: raw.notifyOn, notifyFormat: raw.notifyFormat },
      { workflow },
    );
    if ('options' in own) options = own.options;
  }
  if (options === undefined || options.notifyUrl === null) return undefined;
  return { url: options.notifyUrl, on: options.notifyOn, format: options.notifyFormat };
}

/** A wrong value in the options block: the script is not fit to run until it is corrected. */
function invalidOptions(problems: string[]): Failure {
  return {
    code: 'invalid-options',
    message: `The script's options cannot be used: ${problems.join('; ')}. Correct the options block at the top of the script (README, Tailoring without Node); no GoTo call was made.`,
  };
}

function isDryRunBlock(options: unknown): boolean {
  return isRecord(options) && options.dryRun === true;
}

function describeCrash(error: unknown): string {
  const message =
    isRecord(error) && typeof error.message === 'string' ? error.message : String(error);
  return `error (${message.length > 160 ? `${message.slice(0, 160)}…` : message})`;
}
