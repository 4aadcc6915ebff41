import type { GotoUser } from '../../src/goto/types';
import type { ErrorCode, Failure } from '../../src/host/result';
import { deprovision } from '../../src/workflows/deprovision';
import { findUser } from '../../src/workflows/find-user';
import { provision } from '../../src/workflows/provision';
import type { Run } from '../../src/workflows/run';
import { type BatchAnswer, createBatch } from './batch-create';
import type { Progress } from './progress';
import type { PlanDetails, PlannedChange, PlannedCreate } from './reconcile-plan';
import { type ActionSetup, type Ended, runFor } from './workflow-action';

/**
 * Carries a plan out: reclaims first (they free seats), then licenses, then creations in
 * batches. Reclaims and licenses go through the workflows' own steps, one address at a time, so
 * they decide, read back and report exactly as a workflow run would. Creations go in batches
 * with `allOrNothing=false`; an address answered without a key is looked up (in this account:
 * the workflow's license step; not: blocked as another account's), and a batch whose answer was
 * lost is checked address by address: what GoTo made is reported, what it did not is sent again
 * in a later batch, never blindly.
 *
 * Stopping (Ctrl-C, or a token GoTo no longer accepts) starts nothing new; what was not started
 * is reported as such. Nothing is lost: every step is decided from GoTo's state, so a second
 * run does only what is still missing.
 */

export type ResultAction = 'create' | 'license' | 'reclaim' | 'blocked';

export interface ActionResult {
  email: string;
  action: ResultAction;
  ok: boolean;
  /** The workflows' error code, `other-account`, or `not-started` after a stop. */
  error?: ErrorCode | 'not-started';
  message: string;
}

export interface ApplyRequest {
  setup: ActionSetup;
  details: PlanDetails;
  batchSize: number;
  progress: Progress;
  interrupt?: AbortSignal | undefined;
}

export interface Applied {
  results: ActionResult[];
  /** Why the apply stopped before the end, when it did. */
  stopped?: string;
}

/**
 * Addresses in flight at once. GoTo answers in a few hundred milliseconds; four at a time keep
 * the 8 requests per second the connection allows busy without piling calls up.
 */
const CONCURRENCY = 4;
/** After these, every later call would be refused the same way. */
const FATAL: (ErrorCode | undefined)[] = ['unauthorized', 'forbidden'];

export async function applyPlan(request: ApplyRequest): Promise<Applied> {
  const { setup, details, progress } = request;
  const { plan } = details;
  let fatal: ActionResult | undefined;
  // Why what remains is not started: short, since every row left says it.
  const stopReason = () =>
    fatal
      ? `GoTo refused a call (${fatal.error}), so nothing more was sent`
      : request.interrupt?.aborted
        ? 'the apply was interrupted'
        : undefined;
  const note = (result: ActionResult) => {
    if (result.error !== 'not-started' && FATAL.includes(result.error as ErrorCode)) {
      fatal ??= result;
    }
    return result;
  };

  const reclaims = await inPhase(progress, 'reclaims', plan.reclaim, stopReason, async (change) =>
    note(await reclaim(setup, change)),
  );
  const licenses = await inPhase(progress, 'licenses', plan.license, stopReason, async (change) =>
    note(await license(setup, change, details.names.get(change.email.toLowerCase()) ?? {})),
  );
  const creator = new Creator(setup, note, stopReason);
  const batches = chunk(plan.create, request.batchSize);
  progress.phase('creations', plan.create.length);
  const created = new Map<string, ActionResult>();
  for (const batch of batches) {
    if (stopReason()) break;
    for (const result of await creator.create(batch, 1)) {
      created.set(result.email.toLowerCase(), result);
    }
    progress.advance(batch.length);
  }
  progress.done();
  const stopped = stopReason();
  const why = fatal ? fatal.message.replace(/\.$/, '') : stopped;
  const creations = plan.create.map(
    (entry) => created.get(entry.email.toLowerCase()) ?? notStarted(entry.email, 'create', stopped),
  );
  const results = [
    ...reclaims.map(
      (result, index) => result ?? notStarted(plan.reclaim[index]?.email ?? '', 'reclaim', stopped),
    ),
    ...licenses.map(
      (result, index) => result ?? notStarted(plan.license[index]?.email ?? '', 'license', stopped),
    ),
    ...creations,
  ];
  return why === undefined ? { results } : { results, stopped: why };
}

/** The workflow's de-provisioning in `remove-licenses` mode: this app's keys back, the user kept. */
async function reclaim(setup: ActionSetup, change: PlannedChange): Promise<ActionResult> {
  const options = { ...setup.options, deprovisionMode: 'remove-licenses' as const };
  const ended = await runFor({ ...setup, options }, { email: change.email }, deprovision);
  return resultOf(change.email, 'reclaim', ended);
}

/** The workflow's provisioning: only the keys the user lacks are assigned. */
async function license(
  setup: ActionSetup,
  change: PlannedChange,
  names: { firstName?: string; lastName?: string },
): Promise<ActionResult> {
  const ended = await runFor(setup, { email: change.email, ...names }, provision);
  return resultOf(change.email, 'license', ended);
}

class Creator {
  constructor(
    private readonly setup: ActionSetup,
    private readonly note: (result: ActionResult) => ActionResult,
    private readonly stopReason: () => string | undefined,
  ) {}

  /** One result per user; `attempt` counts the sends of these users after lost answers. */
  async create(users: PlannedCreate[], attempt: number): Promise<ActionResult[]> {
    const { connection, accountKey, licenseKeys, options } = this.setup;
    const reply = await connection.ask<BatchAnswer>((transport, callback) =>
      createBatch(
        transport,
        accountKey,
        users.map((user) => ({ ...user, locale: options.locale })),
        licenseKeys,
        options.welcomeEmail,
        (answer) => callback({ ok: true, value: answer }),
      ),
    );
    if (!reply.ok) throw new Error(reply.failure.message);
    const answer = reply.value;
    if (answer.kind === 'lost') return this.checkLost(users, attempt, answer.failure);
    if (answer.kind === 'refused') {
      const { failure, status } = answer;
      const wholeBatch = status === 400 || (status === 409 && failure.code !== 'no-seats');
      if (wholeBatch && users.length > 1 && !this.stopReason()) {
        // One address GoTo will not take refuses them all: halves find it in a few calls.
        const half = Math.ceil(users.length / 2);
        return [
          ...(await this.create(users.slice(0, half), attempt)),
          ...(await this.create(users.slice(half), attempt)),
        ];
      }
      if (status === 409 && failure.code !== 'no-seats' && users[0]) {
        return this.taken(users);
      }
      return users.map((user) =>
        this.note({
          email: user.email,
          action: 'create',
          ok: false,
          error: failure.code,
          message: failure.message,
        }),
      );
    }
    const made = users.flatMap((user) => {
      const key = answer.created.get(user.email.toLowerCase());
      return key === undefined
        ? []
        : [
            {
              email: user.email,
              action: 'create' as const,
              ok: true,
              message: `Created GoTo user ${user.email} (key ${key}) with licenses ${licenseKeys.join(', ')}.`,
            },
          ];
    });
    const takenUsers = users.filter((user) => answer.taken.includes(user.email));
    const unknownUsers = users.filter((user) => answer.unknown.includes(user.email));
    return [
      ...made,
      ...(await this.taken(takenUsers)),
      ...(await this.checkLost(unknownUsers, attempt, {
        code: 'bad-response',
        message: "GoTo's answer to the batch create did not list a new user with this address.",
      })),
    ];
  }

  /** The address is someone's: this account's user gets the licenses, another account's is left. */
  private async taken(users: PlannedCreate[]): Promise<ActionResult[]> {
    return settleAll(users, async (user) => {
      let licensing = false;
      const ended = await runFor(this.setup, user, (run) =>
        findUser(run, (found) => {
          if (!found) return run.fail(otherAccount(run));
          licensing = true;
          provision(run);
        }),
      );
      const blocked =
        ended.failure?.code === 'other-account' || ended.failure?.code === 'ambiguous-user';
      return this.note(
        resultOf(user.email, blocked ? 'blocked' : licensing ? 'license' : 'create', ended),
      );
    });
  }

  /** Looks each address up: made, made without every key, or not made (sent again, up to the retries). */
  private async checkLost(
    users: PlannedCreate[],
    attempt: number,
    lost: Failure,
  ): Promise<ActionResult[]> {
    const absent: PlannedCreate[] = [];
    const results = await settleAll(users, async (user) => {
      let licensing = false;
      const ended = await runFor(this.setup, user, (run) =>
        findUser(run, (found) => {
          if (!found) return run.succeed('not-found', '');
          if (holdsAll(found, run.settings.licenseKeys)) return madeAfterAll(run, found);
          licensing = true;
          provision(run);
        }),
      );
      if (ended.outcome === 'not-found') {
        absent.push(user);
        return undefined;
      }
      return this.note(resultOf(user.email, licensing ? 'license' : 'create', ended));
    });
    const found = results.filter((result): result is ActionResult => result !== undefined);
    if (absent.length === 0) return found;
    if (attempt >= this.setup.options.maxRetries + 1 || this.stopReason()) {
      return [
        ...found,
        ...absent.map((user) =>
          this.note({
            email: user.email,
            action: 'create',
            ok: false,
            error: lost.code,
            message: `${lost.message} GoTo has no user with this address after ${attempt} attempt${attempt === 1 ? '' : 's'}; run reconcile --apply again.`,
          }),
        ),
      ];
    }
    return [...found, ...(await this.create(absent, attempt + 1))];
  }
}

function holdsAll(user: GotoUser, licenseKeys: string[]): boolean {
  return licenseKeys.every((key) => user.licenseKeys.includes(key));
}

function madeAfterAll(run: Run, user: GotoUser): void {
  run.succeed(
    'created',
    `GoTo user ${user.email} (key ${user.key}) holds licenses ${run.settings.licenseKeys.join(', ')}: the creation went through although its answer was lost.`,
    { userKey: user.key, licenseKeys: run.settings.licenseKeys },
  );
}

function otherAccount(run: Run) {
  return {
    code: 'other-account' as const,
    message: `GoTo already has a user with the email ${run.settings.email}, but not in account ${run.api.accountKey}; nothing was changed. Ask the user to leave the other GoTo account, or remove them from it, then run reconcile again.`,
  };
}

function resultOf(email: string, action: ResultAction, ended: Ended): ActionResult {
  const result: ActionResult = {
    email,
    action,
    ok: ended.outcome !== 'failed',
    message: ended.message,
  };
  if (ended.failure) result.error = ended.failure.code;
  return result;
}

function notStarted(email: string, action: ResultAction, why: string | undefined): ActionResult {
  return {
    email,
    action,
    ok: false,
    error: 'not-started',
    message: `Not started: ${why ?? 'the apply stopped'}; run reconcile --apply again to finish.`,
  };
}

/** A phase of single-address actions, a few at a time, each result in its item's place. */
async function inPhase<T>(
  progress: Progress,
  name: string,
  items: T[],
  stopReason: () => string | undefined,
  work: (item: T) => Promise<ActionResult>,
): Promise<(ActionResult | undefined)[]> {
  progress.phase(name, items.length);
  const results: (ActionResult | undefined)[] = items.map(() => undefined);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stopReason()) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
      progress.advance(1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/** Every item's result, a few at a time, in the items' order. */
async function settleAll<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
