/**
 * The account model of the fake GoTo Admin API: users, licenses with seats, emails that belong to
 * another GoTo account, and the welcome emails "sent". One source of truth: a license's holders
 * are the users whose `licenseKeys` contain it.
 */

export type UserStatus = 'ACTIVE' | 'SUSPENDED';

export interface SeedUser {
  email: string;
  firstName?: string;
  lastName?: string;
  licenseKeys?: string[];
  /** Digits only; generated when omitted. */
  key?: string;
  locale?: string;
  /** Default 'ACTIVE'. */
  status?: UserStatus;
}

export interface SeedLicense {
  key: string;
  seats: number;
  description?: string;
}

export interface UserRecord {
  key: string;
  email: string;
  firstName: string;
  lastName: string;
  locale?: string;
  status: UserStatus;
  licenseKeys: string[];
}

export interface LicenseRecord {
  key: string;
  seats: number;
  description?: string;
}

export interface SentEmail {
  to: string;
  kind: 'default' | 'custom';
  subject?: string;
  text?: string;
}

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  locale?: string;
}

/** Where an email is already in use, compared case-insensitively. */
export type EmailOwner = 'this-account' | 'other-account';

/** The first generated user key, the example user key of GoTo's documentation. */
export const FIRST_USER_KEY = 7843266547734050054n;

const DIGITS = /^(?:0|[1-9]\d*)$/;

export function isKey(value: string): boolean {
  return DIGITS.test(value);
}

/** Orders 64-bit keys numerically (they may differ in length). */
export function compareKeys(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export class AccountState {
  private readonly userMap = new Map<string, UserRecord>();
  private readonly licenseMap = new Map<string, LicenseRecord>();
  private readonly otherAccount: Set<string>;
  private readonly emails: SentEmail[] = [];
  /** Seeding thousands of users must not compare each with all the others. */
  private readonly seededEmails = new Set<string>();
  /** User keys by lower-case email: creating thousands of users must not scan them all each time. */
  private readonly keysByEmail = new Map<string, Set<string>>();
  /** Every request lists or searches the users: the order is kept until a user comes or goes. */
  private sortedUsers: UserRecord[] | undefined;
  private nextKey = FIRST_USER_KEY;

  constructor(seed: {
    users: readonly SeedUser[];
    licenses: readonly SeedLicense[];
    otherAccountEmails: readonly string[];
  }) {
    this.otherAccount = new Set(seed.otherAccountEmails.map((e) => e.toLowerCase()));
    for (const license of seed.licenses) this.seedLicense(license);
    for (const user of seed.users) this.seedUser(user);
  }

  /** All users, sorted by key. */
  allUsers(): UserRecord[] {
    this.sortedUsers ??= [...this.userMap.values()].sort((a, b) => compareKeys(a.key, b.key));
    return [...this.sortedUsers];
  }

  userByKey(key: string): UserRecord | undefined {
    return this.userMap.get(key);
  }

  /** The user with this email ignoring case; of case-variant duplicates, the lowest key. */
  userByEmail(email: string): UserRecord | undefined {
    const keys = [...(this.keysByEmail.get(email.toLowerCase()) ?? [])].sort(compareKeys);
    return keys[0] === undefined ? undefined : this.userMap.get(keys[0]);
  }

  emailOwner(email: string): EmailOwner | undefined {
    if (this.userByEmail(email)) return 'this-account';
    if (this.otherAccount.has(email.toLowerCase())) return 'other-account';
    return undefined;
  }

  license(key: string): LicenseRecord | undefined {
    return this.licenseMap.get(key);
  }

  /** All licenses, sorted by key. */
  allLicenses(): LicenseRecord[] {
    return [...this.licenseMap.values()].sort((a, b) => compareKeys(a.key, b.key));
  }

  /** Keys of the users holding a license, sorted. */
  holders(licenseKey: string): string[] {
    return this.allUsers()
      .filter((u) => u.licenseKeys.includes(licenseKey))
      .map((u) => u.key);
  }

  freeSeats(licenseKey: string): number {
    const license = this.licenseMap.get(licenseKey);
    if (!license) return 0;
    let held = 0;
    for (const user of this.userMap.values()) if (user.licenseKeys.includes(licenseKey)) held += 1;
    return license.seats - held;
  }

  createUser(input: NewUser, licenseKeys: readonly string[]): UserRecord {
    const user: UserRecord = {
      key: this.generateKey(),
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      status: 'ACTIVE',
      licenseKeys: [...licenseKeys],
    };
    if (input.locale !== undefined) user.locale = input.locale;
    this.add(user);
    return user;
  }

  /** Adds the keys the user does not hold yet; a user holding a license is ACTIVE. */
  assign(user: UserRecord, licenseKeys: readonly string[]): void {
    for (const key of licenseKeys) {
      if (!user.licenseKeys.includes(key)) user.licenseKeys.push(key);
    }
    if (user.licenseKeys.length > 0) user.status = 'ACTIVE';
  }

  /** Removes the keys the user holds; with none left the user is SUSPENDED, as GoTo does. */
  remove(user: UserRecord, licenseKeys: readonly string[]): void {
    user.licenseKeys = user.licenseKeys.filter((key) => !licenseKeys.includes(key));
    if (user.licenseKeys.length === 0) user.status = 'SUSPENDED';
  }

  deleteUser(key: string): boolean {
    const user = this.userMap.get(key);
    if (!user) return false;
    this.keysByEmail.get(user.email.toLowerCase())?.delete(key);
    this.sortedUsers = undefined;
    return this.userMap.delete(key);
  }

  private add(user: UserRecord): void {
    this.userMap.set(user.key, user);
    this.sortedUsers = undefined;
    const email = user.email.toLowerCase();
    const keys = this.keysByEmail.get(email) ?? new Set<string>();
    keys.add(user.key);
    this.keysByEmail.set(email, keys);
  }

  recordEmail(email: SentEmail): void {
    this.emails.push(email);
  }

  sentEmails(): SentEmail[] {
    return this.emails.map((e) => ({ ...e }));
  }

  private generateKey(): string {
    let key = this.nextKey.toString();
    while (this.userMap.has(key)) {
      this.nextKey += 1n;
      key = this.nextKey.toString();
    }
    this.nextKey += 1n;
    return key;
  }

  private seedLicense(seed: SeedLicense): void {
    if (!isKey(seed.key)) throw new Error(`fake GoTo: license key ${seed.key} is not digits`);
    if (this.licenseMap.has(seed.key)) throw new Error(`fake GoTo: license ${seed.key} twice`);
    if (!Number.isInteger(seed.seats) || seed.seats < 0) {
      throw new Error(`fake GoTo: license ${seed.key} needs a whole, non-negative seat count`);
    }
    const license: LicenseRecord = { key: seed.key, seats: seed.seats };
    if (seed.description !== undefined) license.description = seed.description;
    this.licenseMap.set(seed.key, license);
  }

  private seedUser(seed: SeedUser): void {
    // Case variants may be seeded: legacy duplicates are how an account gets ambiguous users.
    if (this.seededEmails.has(seed.email)) {
      throw new Error(`fake GoTo: user ${seed.email} twice`);
    }
    if (seed.key !== undefined && (!isKey(seed.key) || this.userMap.has(seed.key))) {
      throw new Error(`fake GoTo: user key ${seed.key} is not digits or is taken`);
    }
    const licenseKeys = [...new Set(seed.licenseKeys ?? [])];
    for (const key of licenseKeys) {
      if (!this.licenseMap.has(key)) {
        throw new Error(`fake GoTo: user ${seed.email} holds unknown license ${key}`);
      }
      if (this.freeSeats(key) < 1) throw new Error(`fake GoTo: license ${key} has too few seats`);
    }
    const user: UserRecord = {
      key: seed.key ?? this.generateKey(),
      email: seed.email,
      firstName: seed.firstName ?? 'Test',
      lastName: seed.lastName ?? 'User',
      status: seed.status ?? 'ACTIVE',
      licenseKeys,
    };
    if (seed.locale !== undefined) user.locale = seed.locale;
    this.add(user);
    this.seededEmails.add(seed.email);
  }
}
