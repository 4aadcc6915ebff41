/** Copies of the account model as tests and response bodies see it. */

import type { AccountState, LicenseRecord, UserRecord, UserStatus } from './state';

export interface FakeUserView {
  key: string;
  email: string;
  firstName: string;
  lastName: string;
  licenseKeys: string[];
  locale?: string;
  status: UserStatus;
}

export interface FakeLicenseView {
  key: string;
  seats: number;
  userKeys: string[];
  description?: string;
}

export function userView(user: UserRecord): FakeUserView {
  const view: FakeUserView = {
    key: user.key,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    licenseKeys: [...user.licenseKeys],
    status: user.status,
  };
  if (user.locale !== undefined) view.locale = user.locale;
  return view;
}

export function licenseView(state: AccountState, license: LicenseRecord): FakeLicenseView {
  const view: FakeLicenseView = {
    key: license.key,
    seats: license.seats,
    userKeys: state.holders(license.key),
  };
  if (license.description !== undefined) view.description = license.description;
  return view;
}
