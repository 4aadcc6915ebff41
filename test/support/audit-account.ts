import { auditCommand } from '../../cli/account/audit';
import { PRO, STANDARD, WEBINAR } from '../../emulator/contexts';
import {
  createFakeGoto,
  type FakeGoto,
  type FakeGotoOptions,
  type SeedUser,
} from '../../emulator/fake-goto';
import { callCommand, simulatedTimer } from './admin-tools';

/** A large account for the audit tests: three licenses, thousands of users, GoTo's rate limit. */

export const USERS = 2500;

/** Every fourth user holds Standard, every fifth Pro, every seventh Webinar; some addresses in capitals. */
export function seedUsers(): SeedUser[] {
  return Array.from({ length: USERS }, (_, i) => {
    const licenseKeys = [
      ...(i % 4 === 0 ? [STANDARD] : []),
      ...(i % 5 === 0 ? [PRO] : []),
      ...(i % 7 === 0 ? [WEBINAR] : []),
    ];
    return { email: i % 10 === 3 ? `User${i}@Example.com` : `user${i}@example.com`, licenseKeys };
  });
}

export function bigAccount(options: FakeGotoOptions = {}): {
  fake: FakeGoto;
  clock: ReturnType<typeof simulatedTimer>;
} {
  const clock = simulatedTimer();
  const fake = createFakeGoto({
    licenses: [
      { key: STANDARD, seats: 700, description: 'GoToMeeting Standard' },
      { key: PRO, seats: 500, description: 'GoToMeeting Pro' },
      { key: WEBINAR, seats: 400, description: 'GoToWebinar' },
    ],
    users: seedUsers(),
    rateLimit: { perSecond: 10, clock },
    ...options,
  });
  return { fake, clock };
}

export const CONFIGURED = [STANDARD, PRO];

export async function audit(
  fake: FakeGoto,
  clock: ReturnType<typeof simulatedTimer>,
  args: string[],
  token?: string,
) {
  return callCommand(fake, auditCommand, args, {
    timer: clock,
    ...(token === undefined ? {} : { token }),
  });
}
