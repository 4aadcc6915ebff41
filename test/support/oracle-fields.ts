import type { FakeRequest, FakeUserView } from '../../emulator/fake-goto';
import type { ProvisioningResult } from '../../src/host/result';
import type { Expected, Job, MetFault, World } from './oracle';
import { same } from './oracle';

/**
 * The property tests' oracle for the fields of a result beside its outcome: the calls, the user's
 * key, the license keys of a stopped run and the message an administrator reads, for each
 * branch the run can take. From the result table and wordings of docs/behaviour.md and the
 * README, not from the scripts. Each function returns the exact value a field must have, or
 * the patterns the message must match.
 */

/**
 * `METHOD path status` of every attempt, as GoTo saw them (no answer: `null`); paths decoded,
 * since the fake sees them after URL parsing (which encodes `'`, for one).
 */
export const attemptsSeen = (requests: FakeRequest[]) =>
  requests.map(
    (r) =>
      `${r.method} ${decodeURIComponent(r.path)} ${r.status === 'network-error' ? null : r.status}`,
  );
export const attemptsListed = (result: ProvisioningResult) =>
  result.calls.map((c) => `${c.method} ${decodeURIComponent(c.path)} ${c.status}`);

const licenseWrite = (request: FakeRequest) => /\/licenses\/([^/]+)\/users\//.exec(request.path);
const literal = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const list = (keys: string[]) => literal(keys.join(', '));
/** Said when GoTo refused the comma-joined license path and each key went on its own. */
const ONE_KEY_NOTE =
  ' GoTo refused several license keys in one call, so each key was sent on its own.';

/** What a run stopped by `stopper` must say and carry. */
export function stoppedFields(
  state: World,
  before: FakeUserView[],
  requests: FakeRequest[],
  stopper: MetFault,
): { says: RegExp[]; userKey?: string; licenseKeys?: string[] } {
  const request = stopper.request;
  const at = requests.indexOf(request);
  const keys = licenseWrite(request);
  const doing = request.path.startsWith('/me')
    ? 'asking GoTo which account the connection belongs to'
    : keys
      ? request.method === 'POST'
        ? `assigning licenses ${keys[1]?.split(',').join(', ')} to user`
        : `removing licenses ${keys[1]?.split(',').join(', ')} from user`
      : request.method === 'POST'
        ? `creating ${state.wanted}`
        : request.method === 'DELETE'
          ? 'deleting user'
          : `looking up ${state.wanted}`;
  const wanted = literal(state.wanted);
  const says = {
    unauthorized: [
      /^GoTo rejected the access token \(401/,
      /: it has expired or lacks the Admin Center \(identity:\) scope; reconnect the app's OAuth configuration\.($| Licenses)/,
    ],
    'api-error': [new RegExp(`^GoTo answered ${stopper.kind}`), /[^.]\.($| Licenses)/],
    'no-seats': [
      new RegExp(`^GoTo reports no free seat \\(${stopper.kind}`),
      /; free a seat or add seats to the license, then run the workflow again\.($| Licenses)/,
    ],
    'other-account': [
      new RegExp(
        `^GoTo already has a user with the email ${wanted}, but not in this account; nothing was changed\\. Ask the user to leave the other GoTo account, or remove them from it, then run the workflow again\\.$`,
      ),
    ],
  }[stopper.effect as 'unauthorized' | 'api-error' | 'no-seats' | 'other-account'];
  const whileDoing =
    stopper.effect === 'other-account' ? [] : [new RegExp(`while ${literal(doing)}`)];
  if (!keys) return { says: [...says, ...whileDoing] };
  // The keys this change had given (or taken) one a call before the refusal.
  const done: string[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const earlier = requests[i] as FakeRequest;
    const one = licenseWrite(earlier);
    const ok = typeof earlier.status === 'number' && earlier.status < 300;
    if (!one || earlier.method !== request.method || !ok || one[1]?.includes(',')) break;
    done.unshift(one[1] as string);
  }
  const user = before.find((u) => same(u.email, state.wanted)) as FakeUserView;
  const verb = request.method === 'POST' ? 'assigned' : 'removed';
  const changed =
    done.length > 0
      ? [
          new RegExp(
            `\\. Licenses ${list(done)} were ${verb} before that, each in its own call; run the workflow again to finish\\.$`,
          ),
        ]
      : [];
  return {
    says: [...says, ...whileDoing, ...changed],
    userKey: user.key,
    ...(done.length > 0 ? { licenseKeys: done } : {}),
  };
}

/** What a run that ended as the oracle's `expected` must say and carry. */
export function finishedFields(
  job: Job,
  state: World,
  before: FakeUserView[],
  after: FakeUserView[],
  requests: FakeRequest[],
  expected: Expected,
  lostWrite: boolean,
): { says: RegExp[]; userKey?: string } {
  const wanted = literal(state.wanted);
  const exact = before.find((u) => same(u.email, state.wanted));
  const created = after.find((u) => same(u.email, state.wanted) && !before.includes(u));
  const refusedJoined = requests.some(
    (r) => licenseWrite(r)?.[1]?.includes(',') && [400, 404, 405].includes(Number(r.status)),
  );
  const conflict = requests.some((r) => licenseWrite(r) && r.status === 409);
  const note = refusedJoined ? literal(ONE_KEY_NOTE) : '';
  const app = list(state.appKeys);
  const user = (key: string) => `GoTo user ${wanted} \\(key ${key}\\)`;
  const lost = (wording: string) => (lostWrite ? [wording] : []);
  const one = (wordings: string[]) => [new RegExp(`^(?:${wordings.join('|')})$`)];
  const key = exact?.key ?? '';
  const given = list(expected.licenseKeys ?? []);
  switch (expected.outcome) {
    case 'created': {
      const newKey = (created as FakeUserView).key;
      return {
        says: one([
          `Created ${user(newKey)} with licenses ${app}\\.`,
          ...lost(
            `${user(newKey)} holds licenses ${app}: the creation went through although its answer was lost\\.`,
          ),
        ]),
        userKey: newKey,
      };
    }
    case 'licensed':
      return {
        says: one([
          `Assigned licenses ${given} to ${user(key)}\\.${note}`,
          ...lost(
            `${user(key)} holds licenses ${app}: the assignment went through although its answer was lost\\.`,
          ),
          ...(conflict
            ? [
                `${user(key)} now holds licenses ${given}; GoTo refused part of the assignment because another change got there first\\.${note}`,
              ]
            : []),
          // Keys given before a lost answer, the rest after the read-back.
          ...lost(`Assigned licenses [0-9, ]+ to ${user(key)}\\.${note}`),
        ]),
        userKey: key,
      };
    case 'unchanged':
      return {
        says: one(
          job === 'provision'
            ? [
                `${user(key)} already holds licenses ${app}; nothing was changed\\.`,
                ...(conflict
                  ? [
                      `${user(key)} already holds licenses [0-9, ]+: another change got there first \\(GoTo answered the assignment with a conflict\\); nothing was changed by this run\\.`,
                    ]
                  : []),
              ]
            : [`${user(key)} holds none of licenses ${app}; nothing was changed\\.`],
        ),
        userKey: key,
      };
    case 'unlicensed':
      return {
        says: one([
          `Removed licenses ${given} from ${user(key)}; the user and their data stay in GoTo\\.${note}`,
          ...lost(
            `${user(key)} no longer holds licenses ${app}: the removal went through although its answer was lost\\.`,
          ),
          ...lost(
            `Removed licenses [0-9, ]+ from ${user(key)}; the user and their data stay in GoTo\\.${note}`,
          ),
        ]),
        userKey: key,
      };
    case 'deleted':
      // A deletion confirmed only by the read-back finds nobody: no key to name.
      return lostWrite && !requests.some((r) => r.method === 'DELETE' && r.status === 204)
        ? {
            says: one([
              `GoTo user ${wanted} is gone: the deletion went through although its answer was lost\\.`,
            ]),
          }
        : {
            says: one([`Deleted ${user(key)}, with their meeting history and recordings\\.`]),
            userKey: key,
          };
    case 'not-found':
      return {
        says: one([
          `No GoTo user of this account has the email ${wanted}; nothing to take back\\.`,
        ]),
      };
    default:
      return failedFields(state, before, expected);
  }
}

function failedFields(state: World, before: FakeUserView[], expected: Expected) {
  const wanted = literal(state.wanted);
  const exact = before.filter((u) => same(u.email, state.wanted));
  if (expected.error === 'ambiguous-user') {
    return {
      says: [
        new RegExp(`^${exact.length} GoTo users of this account have the email ${wanted} \\(keys `),
        /nothing was changed\. Remove the duplicate in GoTo Admin Center/,
      ],
    };
  }
  // no-seats: on the create (no user yet) or on an assignment.
  const user = exact[0];
  return user
    ? {
        says: [/^GoTo reports no free seat \((409|422)/, /while assigning licenses /],
        userKey: user.key,
      }
    : { says: [/^GoTo reports no free seat \((409|422)/, new RegExp(`while creating ${wanted}`)] };
}
