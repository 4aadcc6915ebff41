import { DEFAULT_OPTIONS, type WelcomeEmail } from '../../src/options';
import { confirmChanges, terminalPrompt } from '../shared/confirm';
import { EXIT_FAILED, EXIT_OK } from '../shared/usage';
import { readAccountState } from './account-state';
import type { AssignedRow } from './assigned-file';
import { progressOn } from './progress';
import { applyPlan } from './reconcile-apply';
import {
  changeCount,
  makePlan,
  type PlanDetails,
  type SeatNeed,
  seatNeeds,
  shortfalls,
} from './reconcile-plan';
import {
  planClosing,
  renderPlan,
  renderResults,
  reportOf,
  resultClosing,
} from './reconcile-render';
import type { CommonFlags, Session, ToolIo } from './session';

/**
 * One `reconcile`: read the account, plan, and with `apply` refuse what must not go ahead, ask,
 * and carry the plan out. Given a session (where the API is and its token) and what the command
 * line asked for, so that any API and any token (a local fake included) do.
 */

export interface ReconcileRequest {
  assigned: AssignedRow[];
  /** The file, as messages name it. */
  assignedPath: string;
  apply: boolean;
  yes: boolean;
  maxReclaims: number;
  batchSize: number;
  welcomeEmail: WelcomeEmail;
  locale: string;
  json: boolean;
}

/** Plans from GoTo's state now and, with `apply`, carries the plan out; the exit code. */
export async function runReconcile(
  session: Session,
  flags: CommonFlags,
  request: ReconcileRequest,
  io: Pick<ToolIo, 'prompt' | 'interrupt' | 'stderrIsTerminal'> = {},
): Promise<number> {
  const read = await readAccountState(session, flags);
  if (!read.ok) {
    session.err(`reconcile: ${read.message}`);
    return EXIT_FAILED;
  }
  const { accountKey, licenses, users } = read.state;
  const { licenseKeys } = session.settings;
  const details = makePlan(request.assigned, users, licenseKeys);
  const needs = seatNeeds(details.plan, licenseKeys, licenses);
  const refusals = refusalsOf(session, details, needs, request);
  const show = (results?: Parameters<typeof reportOf>[4]) => {
    if (request.json) {
      session.out(
        JSON.stringify(reportOf(accountKey, licenseKeys, details, needs, results), null, 2),
      );
    } else if (results !== undefined) {
      session.out(renderResults(accountKey, results));
    }
  };
  if (!request.json) session.out(renderPlan(accountKey, licenseKeys, details, needs));
  if (!request.apply) {
    show();
    for (const refusal of refusals) session.err(`reconcile: --apply would be refused: ${refusal}`);
    if (!request.json) session.out(planClosing(details.plan));
    return changeCount(details.plan) === 0 && details.plan.blocked.length === 0
      ? EXIT_OK
      : EXIT_FAILED;
  }
  if (refusals.length > 0) {
    show();
    for (const refusal of refusals) session.err(`reconcile: ${refusal}`);
    return EXIT_FAILED;
  }
  if (changeCount(details.plan) === 0) {
    show([]);
    if (!request.json) session.out(planClosing(details.plan));
    return details.plan.blocked.length === 0 ? EXIT_OK : EXIT_FAILED;
  }
  await confirmChanges(
    {
      command: 'reconcile --apply',
      summary: confirmation(accountKey, flags.apiBaseUrl, details, request),
      word: 'apply',
      yes: request.yes,
    },
    io.prompt ?? terminalPrompt,
  );
  const applied = await applyPlan({
    setup: {
      connection: session.connection,
      accountKey,
      licenseKeys,
      options: {
        ...DEFAULT_OPTIONS,
        apiBaseUrl: flags.apiBaseUrl,
        accountKey,
        welcomeEmail: request.welcomeEmail,
        locale: request.locale,
      },
      oneKeyPerCall: false,
    },
    details,
    batchSize: request.batchSize,
    progress: progressOn(Boolean(io.stderrIsTerminal), (line) => session.err(line)),
    interrupt: io.interrupt,
  });
  show(applied.results);
  if (!request.json) session.out(resultClosing(applied.results, details.plan, applied.stopped));
  const allDone = applied.results.every((result) => result.ok);
  return allDone && details.plan.blocked.length === 0 && applied.stopped === undefined
    ? EXIT_OK
    : EXIT_FAILED;
}

/** Why `--apply` must not go ahead, one line each; none when it may. */
function refusalsOf(
  session: Session,
  details: PlanDetails,
  needs: SeatNeed[],
  request: ReconcileRequest,
): string[] {
  const refusals: string[] = [];
  if (session.settings.enabled !== true) {
    refusals.push(
      `EnableAccountProvisioning is ${JSON.stringify(session.settings.enabled) ?? 'not set'} in the settings file: the workflows skip this app, so reconcile does not act for it either; nothing was changed. Set it to true first.`,
    );
  }
  const reclaims = details.plan.reclaim.length;
  if (reclaims > request.maxReclaims) {
    refusals.push(
      `the plan takes licenses back from ${reclaims} users, more than --max-reclaims ${request.maxReclaims}; nothing was changed. Check that ${request.assignedPath} lists everyone assigned, or raise --max-reclaims.`,
    );
  }
  const short = shortfalls(needs);
  if (short.length > 0) {
    const named = short.map(
      ({ need, short: missing }) =>
        `license ${need.key}${need.description ? ` (${need.description})` : ''} needs ${need.needed} seats and has ${need.needed - missing} free after the reclaims: ${missing} short`,
    );
    refusals.push(
      `${named.join('; ')}; nothing was changed. Add seats in GoTo or assign fewer users, then run reconcile again.`,
    );
  }
  return refusals;
}

function confirmation(
  accountKey: string,
  apiBaseUrl: string,
  details: PlanDetails,
  request: ReconcileRequest,
): string[] {
  const { plan } = details;
  const welcome =
    request.welcomeEmail === 'goto-default'
      ? "GoTo's own welcome email"
      : request.welcomeEmail === 'suppress'
        ? 'no welcome email'
        : `the welcome email "${request.welcomeEmail.subject}"`;
  return [
    `GoTo account ${accountKey} at ${apiBaseUrl} will be changed:`,
    `  take this app's licenses back from ${plan.reclaim.length} user(s) (they stay in GoTo)`,
    `  assign missing licenses to ${plan.license.length} user(s)`,
    `  create ${plan.create.length} user(s) in calls of up to ${request.batchSize}, locale ${request.locale}, with ${welcome}`,
  ];
}
