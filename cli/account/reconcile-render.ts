import { MAX_NAME_LENGTH } from '../../src/host/context';
import { bold, dim, green, red, table, yellow } from '../shared/terminal';
import {
  changeCount,
  freeAfterReclaims,
  type Plan,
  type PlanDetails,
  type SeatNeed,
} from './reconcile-plan';
import type { ActionResult } from './workflow-action';

/** What `reconcile` prints: the plan as a person reads it, the JSON object, the result table. */

export interface ReconcileReport {
  accountKey: string;
  licenseKeys: string[];
  plan: Plan;
  seats: { key: string; free: number | null; needed: number }[];
  results?: ActionResult[];
}

export function reportOf(
  accountKey: string,
  licenseKeys: string[],
  details: PlanDetails,
  needs: SeatNeed[],
  results?: ActionResult[],
): ReconcileReport {
  return {
    accountKey,
    licenseKeys,
    plan: details.plan,
    seats: needs.map((need) => ({
      key: need.key,
      free: freeAfterReclaims(need),
      needed: need.needed,
    })),
    ...(results === undefined ? {} : { results }),
  };
}

export function renderPlan(
  accountKey: string,
  licenseKeys: string[],
  details: PlanDetails,
  needs: SeatNeed[],
): string {
  const { plan, blockedDetails, shortened } = details;
  const keys = licenseKeys.join(', ');
  const cut = (email: string) => {
    const fields = shortened.get(email);
    if (!fields) return '';
    const names = fields.map((field) => (field === 'FirstName' ? 'first' : 'last')).join(' and ');
    return dim(`  (${names} name cut to ${MAX_NAME_LENGTH} characters)`);
  };
  return [
    bold(`Reconcile plan for GoTo account ${accountKey}, licenses ${keys}`),
    section(
      `Create (${plan.create.length}): no GoTo user has the address; created with licenses ${keys}`,
      plan.create.map(
        (entry) => `${entry.email}  ${entry.firstName} ${entry.lastName}${cut(entry.email)}`,
      ),
    ),
    section(
      `License (${plan.license.length}): in GoTo without some of the app's licenses; only those are assigned`,
      plan.license.map((change) => `${change.email}  ${dim(change.licenseKeys.join(', '))}`),
    ),
    section(
      `Reclaim (${plan.reclaim.length}): holds the app's licenses but is not assigned; only those are taken back, the user stays in GoTo`,
      plan.reclaim.map((change) => `${change.email}  ${dim(change.licenseKeys.join(', '))}`),
    ),
    section(
      `Blocked (${plan.blocked.length}): left alone; fix these in GoTo or in MyWorkspace`,
      plan.blocked.map(
        (entry, index) => `${entry.email}  ${entry.reason}: ${blockedDetails[index] ?? ''}`,
      ),
    ),
    seatTable(needs),
  ].join('\n\n');
}

function section(title: string, items: string[]): string {
  const lines = items.length === 0 ? [dim('  (none)')] : items.map((item) => `  ${item}`);
  return [bold(title), ...lines].join('\n');
}

function seatTable(needs: SeatNeed[]): string {
  const count = (value: number | null) => (value === null ? '?' : String(value));
  return table(
    ['license', 'description', 'free', 'reclaimed', 'needed', 'left'],
    needs.map((need) => {
      const free = freeAfterReclaims(need);
      const left = free === null ? null : free - need.needed;
      return [
        need.key,
        need.description ?? '',
        count(need.freeNow),
        String(need.reclaimed),
        String(need.needed),
        left !== null && left < 0 ? red(String(left)) : count(left),
      ];
    }),
  );
}

/** The plan's last line when nothing is applied. */
export function planClosing(plan: Plan): string {
  return `\n${planSummary(plan)}`;
}

function planSummary(plan: Plan): string {
  const changes = changeCount(plan);
  if (changes === 0) {
    return plan.blocked.length === 0
      ? green('Nothing to do: GoTo matches the assignments.')
      : yellow(`Nothing reconcile can do; ${blocked(plan.blocked.length)} to fix by hand.`);
  }
  return yellow(
    `${changes === 1 ? '1 change' : `${changes.toLocaleString('en-US')} changes`} planned; nothing was changed. To make them, run the same command with --apply.`,
  );
}

export function renderResults(accountKey: string, results: ActionResult[]): string {
  const rows = results.map((result) => [
    result.action,
    result.email,
    result.ok ? green('done') : red(result.error ?? 'failed'),
    result.message,
  ]);
  return [
    `\n${bold(`Applied to GoTo account ${accountKey}`)}`,
    results.length === 0
      ? dim('(nothing was done)')
      : table(['action', 'email', 'result', 'message'], rows),
  ].join('\n\n');
}

export function resultClosing(results: ActionResult[], plan: Plan, stopped?: string): string {
  return `\n${resultSummary(results, plan, stopped)}`;
}

function resultSummary(results: ActionResult[], plan: Plan, stopped?: string): string {
  const done = results.filter((result) => result.ok).length;
  const failed = results.filter((result) => !result.ok && result.error !== 'not-started').length;
  const left = results.length - done - failed;
  const parts = [
    `${done.toLocaleString('en-US')} done`,
    `${failed.toLocaleString('en-US')} failed`,
  ];
  if (left > 0) parts.push(`${left.toLocaleString('en-US')} not started`);
  if (plan.blocked.length > 0) parts.push(blocked(plan.blocked.length));
  const summary = parts.join(', ');
  if (stopped !== undefined) {
    return red(
      `Stopped: ${stopped}. ${summary}. Run reconcile --apply again: it does only what is still missing.`,
    );
  }
  if (failed > 0 || plan.blocked.length > 0) {
    return yellow(`${summary}. Fix what failed or is blocked, then run reconcile again.`);
  }
  return green(`${summary}. GoTo now matches the assignments.`);
}

function blocked(count: number): string {
  return `${count.toLocaleString('en-US')} blocked`;
}
