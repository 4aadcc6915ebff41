import { performance } from 'node:perf_hooks';
import type { AssignedRow } from '../../cli/account/assigned-file';
import { runReconcile } from '../../cli/account/reconcile-run';
import { sessionWith } from '../../cli/account/session';
import { REQUESTS_PER_SECOND } from '../../cli/shared/connection';
import { closeApi, SimulatedClock, serveApi } from '../../emulator';
import { ACCOUNT_KEY, STANDARD } from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';
import { DEFAULT_OPTIONS } from '../../src/options';

/**
 * Section 7: the first day. N users are assigned in MyWorkspace before the scripts are pasted,
 * and `reconcile --apply` creates them all, against the fake with GoTo's 10 requests per second
 * enforced on a simulated clock. The workflow path would cost at least 2 calls per user (a
 * lookup and a create each); the batch create takes 100 users a call.
 *
 * Targets, checked: at most 1/40 of the workflow path's calls, and finished within 1.2 times
 * what the calls take at the tools' 8 requests per second.
 */

export const RECONCILE_SIZES = [1000, 10_000];
const PER_SECOND = 10;
const WORKFLOW_CALLS_PER_USER = 2;
const MAX_CALL_SHARE = 1 / 40;
const MAX_TIME_RATIO = 1.2;

export interface ReconcileRow {
  users: number;
  calls: number;
  rejected: number;
  workflowCalls: number;
  /** Calls against the workflow path's. */
  callShare: number;
  simulatedMs: number;
  /** What the calls take at the tools' pace, ms. */
  floorMs: number;
  timeRatio: number;
  created: number;
  targetMet: boolean;
  wallMs: number;
}

export async function runReconcileCases(): Promise<ReconcileRow[]> {
  const rows: ReconcileRow[] = [];
  for (const users of RECONCILE_SIZES) rows.push(await reconcileNewUsers(users));
  closeApi();
  return rows;
}

async function reconcileNewUsers(users: number): Promise<ReconcileRow> {
  const clock = new SimulatedClock();
  const fake = createFakeGoto({
    licenses: [{ key: STANDARD, seats: users, description: 'GoToMeeting Standard' }],
    rateLimit: { perSecond: PER_SECOND, clock },
  });
  serveApi(fake.handlers);
  const output: string[] = [];
  const session = sessionWith(
    { accountKey: ACCOUNT_KEY, licenseKeys: [STANDARD], enabled: true },
    { apiBaseUrl: DEFAULT_OPTIONS.apiBaseUrl, accessToken: fake.options.token },
    {
      out: (text) => output.push(text),
      err: () => {},
      timer: { now: () => clock.now(), sleep: async (ms) => clock.advance(ms) },
    },
  );
  const assigned: AssignedRow[] = Array.from({ length: users }, (_, i) => ({
    line: i + 2,
    email: `first.day${String(i).padStart(5, '0')}@example.com`,
    firstName: 'First',
    lastName: `Day ${i}`,
  }));
  const start = performance.now();
  const code = await runReconcile(
    session,
    { apiBaseUrl: DEFAULT_OPTIONS.apiBaseUrl },
    {
      assigned,
      assignedPath: 'the bench assignments',
      apply: true,
      yes: true,
      maxReclaims: 0,
      batchSize: 100,
      welcomeEmail: DEFAULT_OPTIONS.welcomeEmail,
      locale: DEFAULT_OPTIONS.locale,
      json: true,
    },
  );
  const wallMs = performance.now() - start;
  const results = (JSON.parse(output.join('\n')) as { results?: { ok: boolean }[] }).results ?? [];
  const created = results.filter((result) => result.ok).length;
  const calls = fake.requests.length;
  const workflowCalls = WORKFLOW_CALLS_PER_USER * users;
  const floorMs = (calls / REQUESTS_PER_SECOND) * 1000;
  const simulatedMs = clock.now();
  const callShare = calls / workflowCalls;
  const timeRatio = simulatedMs / floorMs;
  return {
    users,
    calls,
    rejected: fake.requests.filter((request) => request.status === 429).length,
    workflowCalls,
    callShare,
    simulatedMs,
    floorMs,
    timeRatio,
    created,
    targetMet:
      code === 0 &&
      created === users &&
      fake.users().length === users &&
      callShare <= MAX_CALL_SHARE &&
      timeRatio <= MAX_TIME_RATIO,
    wallMs,
  };
}
