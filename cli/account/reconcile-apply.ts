import type { ErrorCode } from '../../src/host/result';
import { deprovision } from '../../src/workflows/deprovision';
import { provision } from '../../src/workflows/provision';
import { fewAtATime } from './few-at-a-time';
import type { Progress } from './progress';
import { Creator } from './reconcile-create';
import type { PlanDetails, PlannedChange } from './reconcile-plan';
import {
  type ActionResult,
  type ActionSetup,
  type ResultAction,
  resultOf,
  runFor,
} from './workflow-action';

/**
 * Carries a plan out: reclaims first (they free seats), then licenses, then creations in
 * batches (`reconcile-create.ts`). Reclaims and licenses go through the workflows' own steps,
 * one address at a time, so they decide, read back and report exactly as a workflow run would.
 *
 * Stopping (Ctrl-C, or a token GoTo no longer accepts) starts nothing new; what was not started
 * is reported as such. Nothing is lost: every step is decided from GoTo's state, so a second
 * run does only what is still missing.
 */

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

  let reclaims: (ActionResult | undefined)[];
  let licenses: (ActionResult | undefined)[];
  const created = new Map<string, ActionResult>();
  // The bar redraws on a timer: it is stopped whatever happens, or the process would not end.
  try {
    reclaims = await inPhase(progress, 'reclaims', plan.reclaim, stopReason, async (change) =>
      note(await reclaim(setup, change)),
    );
    licenses = await inPhase(progress, 'licenses', plan.license, stopReason, async (change) =>
      note(await license(setup, change, details.names.get(change.email.toLowerCase()) ?? {})),
    );
    const creator = new Creator(setup, note, stopReason);
    const batches = chunk(plan.create, request.batchSize);
    progress.phase('creations', plan.create.length);
    for (const batch of batches) {
      if (stopReason()) break;
      for (const result of await creator.create(batch, 1)) {
        created.set(result.email.toLowerCase(), result);
      }
      progress.advance(batch.length);
    }
  } finally {
    progress.done();
  }
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
  return fewAtATime(
    items,
    async (item) => {
      const result = await work(item);
      progress.advance(1);
      return result;
    },
    () => stopReason() !== undefined,
  );
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
