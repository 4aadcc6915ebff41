/** The GoTo Admin API's shapes, as far as the workflows rely on them. */

/** A user of the account, keys as exact strings. */
export interface GotoUser {
  key: string;
  email: string;
  licenseKeys: string[];
  /** GoTo's account status of the user, when the answer gives one. */
  status?: string;
}

/** The payload of `POST /accounts/{a}/users` for one user. */
export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  locale: string;
  licenseKeys: string[];
}
