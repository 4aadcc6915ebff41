import fc from 'fast-check';
import { ACCOUNT_KEY, PRO, STANDARD, TOKEN } from '../../emulator/contexts';

/**
 * The fuzz test's contexts, each drawn from families whose verdict the contract's rules and
 * examples give (docs/behaviour.md, "Reading the context"): a usable value carries what the
 * script must read from it, a broken one the field the message must name. No part of this
 * checks a value the way the scripts do: every verdict is known by how the value was made.
 * Most contexts are usable, so that the runs reach the lookup and the decisions.
 */

/** What the contract says of one field's value. */
export type Verdict<T> = { ok: true; read: T } | { ok: false; names: string };

export interface FuzzContext {
  context: Record<string, unknown>;
  enabled: boolean;
  /** The address as the result must echo it: the string given, else ''. */
  echoed: string;
  email: Verdict<string>;
  /** The account named by the connection, undefined when it names none (then GET /me). */
  connection: Verdict<string | undefined>;
  licenses: Verdict<string[]>;
  /** Both names present and not blank: a user may be created. */
  names: boolean;
}

/** Characters an address may hold: some are regex metacharacters, none breaks the filter. */
const ADDRESS_PIECES = [
  ...['jane', 'doe', 'o', 'x9', 'Mixed', 'UP', '-', '_', '~', '!', '..', '.'],
  ...['+tag', "'", '&', '?', '#', '*', '$', '^', '{', '}', '[', ']', '=', ',', ';', '%', '|'],
  // Not ASCII; U+200B, a zero-width space, is a format character, not whitespace.
  ...['%2F', 'é', 'İ', '😀', '\u200b'],
];
/** What the contract forbids in an address: quotes, brackets, slashes, whitespace, controls. */
const FORBIDDEN = ['"', '(', ')', '/', '\\', ' ', '\t', '\n', '\r', '\u00a0', '\u2028'].concat([
  '\u0000',
  '\u001f',
  '\u007f',
]);
const DOMAIN = '@example.com';

const piece = fc.oneof(fc.constantFrom(...ADDRESS_PIECES), fc.stringMatching(/^[a-z0-9]{1,6}$/));
const part = fc.array(piece, { minLength: 1, maxLength: 4 }).map((pieces) => pieces.join(''));
const goodAddress = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(part, part).map(([local, domain]) => `${local}@${domain}`) },
  { weight: 1, arbitrary: fc.constant(`${'a'.repeat(128 - DOMAIN.length)}${DOMAIN}`) },
);

const MAIL = 'ProvisionedUser.MailAddress';
const badAddress: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(goodAddress, fc.constantFrom(...FORBIDDEN), fc.nat())
    .map(
      ([good, ch, at]) =>
        good.slice(0, at % (good.length + 1)) + ch + good.slice(at % (good.length + 1)),
    ),
  part.map((local) => `${local}example.com`),
  fc.tuple(part, part).map(([a, b]) => `${a}@${b}@example.com`),
  part.map((domain) => `@${domain}`),
  part.map((local) => `${local}@`),
  fc.constant(`${'a'.repeat(129 - DOMAIN.length)}${DOMAIN}`),
  fc.constant(`${'a'.repeat(10_000)}${DOMAIN}`),
  fc.constantFrom<unknown>('', 42, null, undefined, ['jane@example.com'], { at: 'x' }, true),
);
const address = fc.oneof(
  { weight: 9, arbitrary: goodAddress.map((value) => ({ value, verdict: ok(value) })) },
  { weight: 1, arbitrary: badAddress.map((value) => ({ value, verdict: bad<string>(MAIL) })) },
);

const OAUTH = 'OAuth2ProtocolConfiguration';
const named = (json: string, key: string) =>
  fc.constant<{ json?: string; key?: string }>({ json, key });
const goodConnection = fc.oneof(
  { weight: 4, arbitrary: named(`"${ACCOUNT_KEY}"`, ACCOUNT_KEY) },
  // A bare 19-digit number in the JSON text: read digit for digit.
  { weight: 1, arbitrary: named(ACCOUNT_KEY, ACCOUNT_KEY) },
  { weight: 1, arbitrary: named('4242', '4242') },
  // Absent, null or '': no account named, so the scripts ask GoTo.
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(undefined, 'null', '""')
      .map((json): { json?: string; key?: string } => (json === undefined ? {} : { json })),
  },
);
const connectionText = (token: string, account: string | undefined) =>
  `{"token_type":"Bearer","access_token":${token}${account === undefined ? '' : `,"account_key":${account}`}}`;
const badConnection: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .constantFrom('"../1"', '"12abc"', '"abc"', '"1 2"', '"%2F"', '-5', '1.5', 'true', '[1]', '{}')
    .map((account) => connectionText(JSON.stringify(TOKEN), account)),
  fc
    .constantFrom('""', '"   "', '42', 'null')
    .map((token) => connectionText(token, `"${ACCOUNT_KEY}"`)),
  fc.constant(`{"account_key":"${ACCOUNT_KEY}"}`),
  fc.constantFrom<unknown>('not json', '{', '[]', '"x"', 'null', undefined, 42, {
    access_token: TOKEN,
  }),
);
const connection = fc.oneof(
  {
    weight: 9,
    arbitrary: goodConnection.map(({ json, key }) => ({
      value: connectionText(JSON.stringify(TOKEN), json),
      verdict: ok<string | undefined>(key),
    })),
  },
  { weight: 1, arbitrary: badConnection.map((value) => ({ value, verdict: bad<string>(OAUTH) })) },
);

/** Keys as the administrator enters them, and the text the scripts must send. */
const KNOWN = fc.constantFrom(
  { value: STANDARD as unknown, text: STANDARD },
  { value: PRO as unknown, text: PRO },
);
/** Keys the account does not have: digits, as GoTo's keys are, and a whole number held exactly. */
const UNKNOWN = fc.constantFrom(
  { value: '6000000000000000009' as unknown, text: '6000000000000000009' },
  { value: 42 as unknown, text: '42' },
);
const goodKey = fc.oneof({ weight: 6, arbitrary: KNOWN }, { weight: 1, arbitrary: UNKNOWN });
const LICENSES = 'Application.ApplicationSettings.Fields.ApplicationLicenses';
const badKey = fc.constantFrom<unknown>(
  ...['../', '1,2', '', ' ', '-1', '1.5', `${STANDARD}/x`, 'é1'],
  ...[-1, 1.5, 2 ** 53 + 2, null, {}, true],
);

const unique = (texts: string[]) => texts.filter((text, i) => texts.indexOf(text) === i);
const goodLicenses = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.array(goodKey, { minLength: 1, maxLength: 3 }).map((keys) => ({
      value: keys.map((k) => k.value) as unknown,
      read: unique(keys.map((k) => k.text)),
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.array(goodKey, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(',', ', ', ' , '),
        // A trailing comma leaves a blank piece, which is ignored.
        fc.constantFrom('', ',', ', '),
      )
      .map(([keys, comma, end]) => ({
        value: (keys.map((k) => k.text).join(comma) + end) as unknown,
        read: unique(keys.map((k) => k.text)),
      })),
  },
  { weight: 1, arbitrary: goodKey.map((k) => ({ value: k.value, read: [k.text] })) },
);
const badLicenses: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(
      fc.array(
        goodKey.map((k) => k.value),
        { maxLength: 2 },
      ),
      badKey,
      fc.nat(2),
    )
    .map(([keys, key, at]) => [...keys.slice(0, at), key, ...keys.slice(at)]),
  fc.constantFrom(`${STANDARD}, ../`, `${STANDARD},1 2`),
  fc.constantFrom<unknown>(true, { key: STANDARD }, -1, 2 ** 53 + 2),
  // No key at all.
  fc.constantFrom<unknown>([], null, undefined, '', ' , '),
);
const licenses = fc.oneof(
  { weight: 9, arbitrary: goodLicenses.map(({ value, read }) => ({ value, verdict: ok(read) })) },
  {
    weight: 1,
    arbitrary: badLicenses.map((value) => ({ value, verdict: bad<string[]>(LICENSES) })),
  },
);

const name = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('Jane', 'Doe', "O'Neil", 'Ana María', 'Zoë') },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, '', '   ', 42, null) },
);
const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

const enabled = fc.oneof(
  { weight: 24, arbitrary: fc.constant<unknown>(true) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(false, 'true', 1, null, undefined, {}) },
);

/** Leaves out a field whose drawn value is `undefined`, as a host would. */
const fields = (entries: [string, unknown][]) =>
  Object.fromEntries(entries.filter(([, value]) => value !== undefined));

export const fuzzContext: fc.Arbitrary<FuzzContext> = fc
  .record({ address, connection, licenses, enabled, first: name, last: name })
  .map((drawn) => ({
    context: {
      ...fields([[OAUTH, drawn.connection.value]]),
      ProvisionedUser: fields([
        ['MailAddress', drawn.address.value],
        ['FirstName', drawn.first],
        ['LastName', drawn.last],
      ]),
      Application: {
        ApplicationSettings: {
          Fields: fields([
            ['ApplicationLicenses', drawn.licenses.value],
            ['EnableAccountProvisioning', drawn.enabled],
          ]),
        },
      },
    },
    enabled: drawn.enabled === true,
    echoed: typeof drawn.address.value === 'string' ? drawn.address.value : '',
    email: drawn.address.verdict,
    connection: drawn.connection.verdict,
    licenses: drawn.licenses.verdict,
    names: filled(drawn.first) && filled(drawn.last),
  }));

function ok<T>(read: T): Verdict<T> {
  return { ok: true, read };
}

function bad<T>(names: string): Verdict<T> {
  return { ok: false, names };
}
