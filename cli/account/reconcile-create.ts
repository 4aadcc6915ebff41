import type { GotoUser } from '../../src/goto/types';
import type { Failure } from '../../src/host/result';
import { findUser } from '../../src/workflows/find-user';
import { provision } from '../../src/workflows/provision';
import type { Run } from '../../src/workflows/run';
import { type BatchAnswer, createBatch } from './batch-create';
import { fewAtATime } from './few-at-a-time';
import type { PlannedCreate } from './reconcile-plan';
import { type ActionResult, type ActionSetup, resultOf, runFor } from './workflow-action';

/**
 * The creations of an apply: a batch per call with `allOrNothing=false`. An address answered
 * without a key is looked up (this account's user: the workflow's license step; not: blocked as
 * another account's); a batch whose answer was lost is checked address by address, and only the
 * addresses GoTo did not make are sent again, in a later batch; a batch refused as a whole is
 * halved until the address GoTo will not take stands alone.
 */

export class Creator {
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
      if (status === 409 && failure.code !== 'no-seats') {
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
    const results = await fewAtATime(users, async (user) => {
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
    return results.filter((result): result is ActionResult => result !== undefined);
  }

  /** Looks each address up: made, made without every key, or not made (sent again, up to the retries). */
  private async checkLost(
    users: PlannedCreate[],
    attempt: number,
    lost: Failure,
  ): Promise<ActionResult[]> {
    const absent: PlannedCreate[] = [];
    const results = await fewAtATime(users, async (user) => {
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
