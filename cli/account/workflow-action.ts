import type { GotoApi } from '../../src/goto/client';
import type { ErrorCode, Failure, Outcome } from '../../src/host/result';
import type { BuildOptions } from '../../src/options';
import type { Details, Run } from '../../src/workflows/run';
import type { Connection } from '../shared/connection';

/**
 * One address through the workflows' own steps (`provision`, `deprovision`, `findUser`), as if
 * MyWorkspace had started a run for it: the same lookup, the same decisions, the same read-back
 * of a write whose answer was lost, the same messages. Only the context is not read: the
 * address, names and keys come from the plan, the options from the command line.
 */

export interface ActionSetup {
  connection: Connection;
  accountKey: string;
  licenseKeys: string[];
  options: BuildOptions;
  /**
   * Once GoTo refuses several keys in one path, every later action sends one key per call, as
   * the rest of a workflow run does.
   */
  oneKeyPerCall: boolean;
}

export interface Person {
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
}

export interface Ended {
  outcome: Outcome;
  message: string;
  failure?: Failure;
  details: Details;
}

export async function runFor(
  setup: ActionSetup,
  person: Person,
  body: (run: Run) => void,
): Promise<Ended> {
  const reply = await setup.connection.ask<Ended>((transport, callback) => {
    const api: GotoApi = {
      transport,
      accountKey: setup.accountKey,
      dryRun: false,
      planned: () => {},
      oneKeyPerCall: setup.oneKeyPerCall,
    };
    let ended = false;
    const end = (value: Ended) => {
      if (ended) return;
      ended = true;
      if (api.oneKeyPerCall) setup.oneKeyPerCall = true;
      callback({ ok: true, value });
    };
    body({
      settings: {
        email: person.email,
        accountKey: setup.accountKey,
        // The transport carries the token; no step reads it from the settings.
        accessToken: '',
        licenseKeys: setup.licenseKeys,
        firstName: person.firstName,
        lastName: person.lastName,
      },
      options: setup.options,
      api,
      succeed: (outcome, message, details = {}) => end({ outcome, message, details }),
      fail: (failure, details = {}) =>
        end({ outcome: 'failed', message: failure.message, failure, details }),
    });
  });
  if (!reply.ok) throw new Error(reply.failure.message);
  return reply.value;
}

export type ResultAction = 'create' | 'license' | 'reclaim' | 'blocked';

export interface ActionResult {
  email: string;
  action: ResultAction;
  ok: boolean;
  /** The workflows' error code, `other-account`, or `not-started` after a stop. */
  error?: ErrorCode | 'not-started';
  message: string;
}

export function resultOf(email: string, action: ResultAction, ended: Ended): ActionResult {
  const result: ActionResult = {
    email,
    action,
    ok: ended.outcome !== 'failed',
    message: ended.message,
  };
  if (ended.failure) result.error = ended.failure.code;
  return result;
}
