import { PRO, STANDARD, WEBINAR } from '../../emulator/contexts';
import type { FakeGotoOptions, SeedUser } from '../../emulator/fake-goto';

/**
 * An account and a MyWorkspace export for `reconcile`, built group by group, with what the plan
 * must be worked out from how each group was made (never by asking the planner). The app hands
 * out Standard and Pro; Webinar belongs to another app and must never be touched.
 *
 * GoTo side, per group: `kept` hold both keys and are assigned (spelled in other cases at
 * times); `half` are assigned and lack one or both keys; `left` hold the app's keys and are not
 * assigned; `idle` are not assigned and hold nothing of the app's; `plus` hold the app's keys
 * while the file assigns their plus-address (a different address); `dup` are two users with one
 * address, assigned; `twin` likewise, unassigned and holding a key; `tagged` have a plus-address
 * in capitals that the file spells in lower case, and lack Pro.
 *
 * File side, besides those: new users with names (some over 32 characters), new users without
 * a name, addresses of another GoTo account, malformed values, repeated rows, rows without an
 * address.
 */

export const APP_KEYS = [STANDARD, PRO];

export interface Sizes {
  kept: number;
  half: number;
  left: number;
  idle: number;
  plus: number;
  dup: number;
  twin: number;
  tagged: number;
  fresh: number;
  nameless: number;
  elsewhere: number;
  repeated: number;
}

/** 3,000 GoTo users over 30 pages and 5,000 rows in the file. */
export const LARGE: Sizes = {
  kept: 1000,
  half: 400,
  left: 120,
  idle: 1350,
  plus: 40,
  dup: 20,
  twin: 10,
  tagged: 30,
  fresh: 3420,
  nameless: 25,
  elsewhere: 35,
  repeated: 20,
};

export const SMALL: Sizes = {
  kept: 60,
  half: 30,
  left: 8,
  idle: 40,
  plus: 4,
  dup: 2,
  twin: 2,
  tagged: 4,
  fresh: 240,
  nameless: 3,
  elsewhere: 4,
  repeated: 3,
};

/** Values the workflows refuse as addresses; each a row of its own. */
export const MALFORMED = [
  'not-an-address',
  'two@@example.com',
  '@example.com',
  'name@',
  'in side@example.com',
  'paren(x)@example.com',
  'a/b@example.com',
  'back\\slash@example.com',
  `${'x'.repeat(120)}@example.com`,
];

const LONG_FIRST = 'Maximiliana-Theodora-Konstantina-Alexandra';
const LONG_LAST = 'Wolfeschlegelsteinhausenbergerdorff';

interface Planned {
  create: { email: string; firstName: string; lastName: string }[];
  license: { email: string; userKey: string; licenseKeys: string[] }[];
  reclaim: { email: string; userKey: string; licenseKeys: string[] }[];
  blocked: { email: string; reason: string }[];
}

export interface ReconcileAccount {
  seed: FakeGotoOptions;
  /** The MyWorkspace export, as CSV text. */
  csv: string;
  truth: Planned;
  /** Addresses that belong to another GoTo account: planned as creations, blocked on apply. */
  elsewhere: string[];
  seats: Record<string, number>;
}

let serial = 0n;
const nextKey = () => {
  serial += 1n;
  return String(5_000_000_000_000_000_000n + serial);
};

export function buildAccount(sizes: Sizes, seats = 10_000): ReconcileAccount {
  const users: SeedUser[] = [];
  const rows: string[][] = [];
  const truth: Planned = { create: [], license: [], reclaim: [], blocked: [] };
  const user = (email: string, licenseKeys: string[]) => {
    const key = nextKey();
    users.push({ email, key, licenseKeys, firstName: 'Seeded', lastName: 'User' });
    return key;
  };
  const row = (email: string, first = '', last = '') => rows.push([email, first, last, 'Sales']);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  for (const i of range(sizes.kept)) {
    user(`kept${i}@example.com`, i % 5 === 0 ? [STANDARD, PRO, WEBINAR] : [STANDARD, PRO]);
    row(i % 3 === 0 ? `KEPT${i}@Example.com` : `kept${i}@example.com`);
  }
  for (const i of range(sizes.half)) {
    const held = i % 2 === 0 ? [STANDARD] : i % 4 === 1 ? [WEBINAR] : [];
    const key = user(`half${i}@example.com`, held);
    row(`half${i}@example.com`, 'Half', `Licensed ${i}`);
    truth.license.push({
      email: `half${i}@example.com`,
      userKey: key,
      licenseKeys: i % 2 === 0 ? [PRO] : [STANDARD, PRO],
    });
  }
  for (const i of range(sizes.left)) {
    const app = i % 2 === 0 ? [PRO] : [STANDARD, PRO];
    const key = user(`left${i}@example.com`, i % 3 === 0 ? [...app, WEBINAR] : app);
    truth.reclaim.push({ email: `left${i}@example.com`, userKey: key, licenseKeys: app });
  }
  for (const i of range(sizes.idle)) user(`idle${i}@example.com`, i % 2 === 0 ? [WEBINAR] : []);
  for (const i of range(sizes.plus)) {
    const key = user(`plus${i}@example.com`, [STANDARD, PRO]);
    truth.reclaim.push({ email: `plus${i}@example.com`, userKey: key, licenseKeys: APP_KEYS });
    row(`plus${i}+meet@example.com`, 'Plus', `Address ${i}`);
    truth.create.push({
      email: `plus${i}+meet@example.com`,
      firstName: 'Plus',
      lastName: `Address ${i}`,
    });
  }
  for (const i of range(sizes.dup)) {
    user(`Dup${i}@example.com`, [STANDARD]);
    user(`dup${i}@example.com`, []);
    row(`dup${i}@example.com`, 'Dup', 'Licate');
    truth.blocked.push({ email: `dup${i}@example.com`, reason: 'ambiguous-user' });
  }
  for (const i of range(sizes.twin)) {
    user(`Twin${i}@example.com`, [STANDARD]);
    user(`twin${i}@example.com`, []);
    truth.blocked.push({ email: `Twin${i}@example.com`, reason: 'ambiguous-user' });
  }
  for (const i of range(sizes.tagged)) {
    const key = user(`Erika+Meetings${i}@Example.com`, [STANDARD]);
    row(`erika+meetings${i}@example.com`);
    truth.license.push({
      email: `erika+meetings${i}@example.com`,
      userKey: key,
      licenseKeys: [PRO],
    });
  }
  for (const i of range(sizes.fresh)) {
    const email = `new${i}@example.com`;
    if (i % 50 === 7) {
      row(email, `${LONG_FIRST} ${i}`, LONG_LAST);
      truth.create.push({
        email,
        firstName: LONG_FIRST.slice(0, 32),
        lastName: LONG_LAST.slice(0, 32),
      });
    } else {
      row(email, ` New ${i} `, 'Hire');
      truth.create.push({ email, firstName: `New ${i}`, lastName: 'Hire' });
    }
  }
  for (const i of range(sizes.nameless)) {
    const email = `nameless${i}@example.com`;
    row(email, i % 2 === 0 ? '' : 'Only', i % 2 === 0 ? 'First' : ' ');
    truth.blocked.push({ email, reason: 'no-names' });
  }
  const elsewhere = range(sizes.elsewhere).map((i) => `elsewhere${i}@other.example`);
  for (const email of elsewhere) {
    row(email, 'Else', 'Where');
    truth.create.push({ email, firstName: 'Else', lastName: 'Where' });
  }
  for (const value of MALFORMED) {
    row(value, 'Bad', 'Row');
    truth.blocked.push({ email: value, reason: 'malformed-address' });
  }
  for (const i of range(sizes.repeated)) row(`Kept${i}@EXAMPLE.com`, 'Again', 'Repeated');
  row('', 'No', 'Address');

  const holders = (key: string) => users.filter((u) => u.licenseKeys?.includes(key)).length;
  const byEmail = (a: { email: string }, b: { email: string }) => {
    const x = a.email.toLowerCase();
    const y = b.email.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.email < b.email ? -1 : a.email > b.email ? 1 : 0;
  };
  for (const list of Object.values(truth)) list.sort(byEmail);
  return {
    seed: {
      licenses: [
        { key: STANDARD, seats, description: 'GoToMeeting Standard' },
        { key: PRO, seats, description: 'GoToMeeting Pro' },
        { key: WEBINAR, seats: 2000, description: 'GoToWebinar' },
      ],
      users,
      otherAccountEmails: elsewhere,
    },
    csv: `\uFEFFE-Mail;First name;Surname;Department\n${rows.map((cells) => cells.join(';')).join('\n')}\n`,
    truth,
    elsewhere,
    seats: {
      [STANDARD]: seats - holders(STANDARD),
      [PRO]: seats - holders(PRO),
    },
  };
}

/** The seats each app key needs and has free after the reclaims, from the truth. */
export function seatTruth(account: ReconcileAccount) {
  const { truth } = account;
  return APP_KEYS.map((key) => ({
    key,
    free:
      (account.seats[key] ?? 0) +
      truth.reclaim.filter((change) => change.licenseKeys.includes(key)).length,
    needed:
      truth.create.length +
      truth.license.filter((change) => change.licenseKeys.includes(key)).length,
  }));
}
