import type { GotoUser } from '../../src/goto/types';
import { checkEmail, newUserNames } from '../../src/host/context';
import type { AccountLicense } from './account-reads';
import { type AssignedRow, FIRST_NAME_COLUMNS, LAST_NAME_COLUMNS } from './assigned-file';
import { seatCounts } from './check';

/**
 * What would bring this app's licenses in GoTo in line with the MyWorkspace assignments, decided
 * by the workflows' rules: an address matches a GoTo user exactly but for case; a new user needs
 * both names, cut to GoTo's limit; an address the workflows refuse, and an address more than one
 * GoTo user has, are never acted on. Only this app's keys are given or taken back, and no user is
 * ever deleted. Pure: the same listing and file give the same plan.
 */

export interface PlannedCreate {
  email: string;
  firstName: string;
  lastName: string;
}

/** A license change for one GoTo user: the keys to give (`license`) or take back (`reclaim`). */
export interface PlannedChange {
  email: string;
  userKey: string;
  licenseKeys: string[];
}

export type BlockReason = 'ambiguous-user' | 'no-names' | 'malformed-address' | 'other-account';

export interface Blocked {
  email: string;
  reason: BlockReason;
}

export interface Plan {
  create: PlannedCreate[];
  license: PlannedChange[];
  reclaim: PlannedChange[];
  blocked: Blocked[];
}

export interface SeatNeed {
  key: string;
  description?: string;
  /** Free now (seats less GoTo's count of users); null when GoTo gives no seat count. */
  freeNow: number | null;
  /** Seats the plan's reclaims give back before anything is assigned. */
  reclaimed: number;
  /** Seats the plan's creations and license assignments take. */
  needed: number;
}

export interface PlanDetails {
  plan: Plan;
  /** Why each blocked entry is blocked, in words, by position in `plan.blocked`. */
  blockedDetails: string[];
  /** Names cut to GoTo's limit, by the address of the creation. */
  shortened: Map<string, string[]>;
  /** The file's names of assigned users, by lower-case address, should a license turn into a creation. */
  names: Map<string, { firstName?: string; lastName?: string }>;
}

export function makePlan(
  rows: AssignedRow[],
  users: GotoUser[],
  licenseKeys: string[],
): PlanDetails {
  const plan: Plan = { create: [], license: [], reclaim: [], blocked: [] };
  const blockedDetails: string[] = [];
  const shortened = new Map<string, string[]>();
  const names = new Map<string, { firstName?: string; lastName?: string }>();
  const block = (email: string, reason: BlockReason, detail: string) => {
    plan.blocked.push({ email, reason });
    blockedDetails.push(detail);
  };
  const usersByEmail = groupByEmail(users);
  const assigned = new Set<string>();
  for (const row of rows) {
    const key = row.email.toLowerCase();
    // Assigned, even when unusable: a GoTo user with this address is never reclaimed.
    assigned.add(key);
    if (row.problem !== undefined) {
      block(row.email, 'malformed-address', `line ${row.line}: ${row.problem}`);
      continue;
    }
    names.set(key, withNames(row));
    const matches = usersByEmail.get(key) ?? [];
    if (matches.length > 1) {
      block(row.email, 'ambiguous-user', ambiguity(matches));
      continue;
    }
    const user = matches[0];
    if (user) {
      const missing = licenseKeys.filter((licenseKey) => !user.licenseKeys.includes(licenseKey));
      if (missing.length > 0) {
        plan.license.push({ email: row.email, userKey: user.key, licenseKeys: missing });
      }
      continue;
    }
    const made = newUserNames({ firstName: row.firstName, lastName: row.lastName });
    if ('problem' in made) {
      block(
        row.email,
        'no-names',
        `line ${row.line}: no GoTo user has this address, and ${namesMissing(row, made.problem)}`,
      );
      continue;
    }
    plan.create.push({ email: row.email, firstName: made.firstName, lastName: made.lastName });
    if (made.shortened.length > 0) shortened.set(row.email, made.shortened);
  }
  for (const [key, matches] of usersByEmail) {
    if (assigned.has(key)) continue;
    const holders = matches.filter((user) => held(user, licenseKeys).length > 0);
    if (holders.length === 0) continue;
    const [user] = matches;
    if (matches.length > 1 || !user) {
      block(holders[0]?.email ?? key, 'ambiguous-user', ambiguity(matches));
      continue;
    }
    const problem = checkEmail(user.email, "GoTo's address");
    if (problem !== undefined) {
      block(user.email, 'malformed-address', `${problem}: the workflows cannot look this user up`);
      continue;
    }
    plan.reclaim.push({
      email: user.email,
      userKey: user.key,
      licenseKeys: held(user, licenseKeys),
    });
  }
  sortPlan(plan, blockedDetails);
  return { plan, blockedDetails, shortened, names };
}

/** The seats each of the app's keys needs against those free once the reclaims are done. */
export function seatNeeds(
  plan: Plan,
  licenseKeys: string[],
  licenses: AccountLicense[],
): SeatNeed[] {
  return licenseKeys.map((key) => {
    const license = licenses.find((entry) => entry.key === key) ?? { key };
    const need: SeatNeed = {
      key,
      freeNow: seatCounts(license)?.free ?? null,
      reclaimed: plan.reclaim.filter((change) => change.licenseKeys.includes(key)).length,
      needed:
        plan.create.length +
        plan.license.filter((change) => change.licenseKeys.includes(key)).length,
    };
    if (license.description !== undefined) need.description = license.description;
    return need;
  });
}

/** Free seats once the reclaims are done, as `--json` reports them; null when unknown. */
export function freeAfterReclaims(need: SeatNeed): number | null {
  return need.freeNow === null ? null : need.freeNow + need.reclaimed;
}

/** The keys whose free seats do not cover what the plan needs, with the shortfall. */
export function shortfalls(needs: SeatNeed[]): { need: SeatNeed; short: number }[] {
  return needs.flatMap((need) => {
    const free = freeAfterReclaims(need);
    return free !== null && need.needed > free ? [{ need, short: need.needed - free }] : [];
  });
}

export function changeCount(plan: Plan): number {
  return plan.create.length + plan.license.length + plan.reclaim.length;
}

function withNames(row: AssignedRow): { firstName?: string; lastName?: string } {
  return {
    ...(row.firstName === undefined ? {} : { firstName: row.firstName }),
    ...(row.lastName === undefined ? {} : { lastName: row.lastName }),
  };
}

function namesMissing(row: AssignedRow, problem: string): string {
  if (row.firstName === undefined && row.lastName === undefined) {
    return `the --assigned file has no name columns (${FIRST_NAME_COLUMNS.join(', ')}; ${LAST_NAME_COLUMNS.join(', ')}) to create the user with`;
  }
  return problem.replace('ProvisionedUser.', 'the ');
}

function held(user: GotoUser, licenseKeys: string[]): string[] {
  return licenseKeys.filter((key) => user.licenseKeys.includes(key));
}

function groupByEmail(users: GotoUser[]): Map<string, GotoUser[]> {
  const groups = new Map<string, GotoUser[]>();
  for (const user of users) {
    const key = user.email.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), user]);
  }
  return groups;
}

function ambiguity(matches: GotoUser[]): string {
  return `${matches.length} GoTo users of this account have this address (keys ${matches.map((user) => user.key).join(', ')}); remove the duplicate in GoTo Admin Center`;
}

export function compareEmails(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Every list ignoring case, as `audit` lists; the blocked details move with their entries. */
function sortPlan(plan: Plan, blockedDetails: string[]): void {
  const byEmail = (a: { email: string }, b: { email: string }) => compareEmails(a.email, b.email);
  plan.create.sort(byEmail);
  plan.license.sort(byEmail);
  plan.reclaim.sort(byEmail);
  const blocked = plan.blocked.map((entry, index) => ({
    entry,
    detail: blockedDetails[index] ?? '',
  }));
  blocked.sort((a, b) => byEmail(a.entry, b.entry));
  plan.blocked = blocked.map(({ entry }) => entry);
  blockedDetails.splice(0, blockedDetails.length, ...blocked.map(({ detail }) => detail));
}
