import { PRO, STANDARD, WEBINAR } from '../../emulator/contexts';
import { createFakeGoto, type FakeGoto, type FakeGotoOptions } from '../../emulator/fake-goto';

/** A fake GoTo account with the examples' three licenses, 10 seats each, and any other options. */
export function fakeAccount(options: FakeGotoOptions = {}): FakeGoto {
  return createFakeGoto({
    licenses: [STANDARD, PRO, WEBINAR].map((key) => ({ key, seats: 10 })),
    ...options,
  });
}
