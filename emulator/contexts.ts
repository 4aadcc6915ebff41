import { DEFAULT_ACCOUNT_KEY, DEFAULT_TOKEN } from './fake-goto';

/** License keys of the two MyWorkspace apps of the examples, and of an unrelated product. */
export const STANDARD = '6000000000000000001';
export const PRO = '6000000000000000002';
export const WEBINAR = '6000000000000000003';

export const TOKEN = DEFAULT_TOKEN;
export const ACCOUNT_KEY = DEFAULT_ACCOUNT_KEY;

export interface ContextInput {
  email?: unknown;
  firstName?: unknown;
  lastName?: unknown;
  licenses?: unknown;
  enabled?: unknown;
  /** The whole OAuth2ProtocolConfiguration field; by default built from token and accountKey. */
  oauth?: unknown;
  token?: string;
  accountKey?: string;
}

/** A MyWorkspace workflow context as the host hands it over: PascalCase .NET-style fields, OAuth as a JSON string. */
export function hostContext(input: ContextInput = {}): Record<string, unknown> {
  const has = (key: keyof ContextInput) => Object.hasOwn(input, key);
  return {
    OAuth2ProtocolConfiguration: has('oauth')
      ? input.oauth
      : JSON.stringify({
          account_key: input.accountKey ?? ACCOUNT_KEY,
          access_token: input.token ?? TOKEN,
          token_type: 'Bearer',
        }),
    ProvisionedUser: {
      MailAddress: has('email') ? input.email : 'jane.doe@example.com',
      FirstName: has('firstName') ? input.firstName : 'Jane',
      LastName: has('lastName') ? input.lastName : 'Doe',
    },
    Application: {
      ApplicationSettings: {
        Fields: {
          ApplicationLicenses: has('licenses') ? input.licenses : [STANDARD],
          EnableAccountProvisioning: has('enabled') ? input.enabled : true,
        },
      },
    },
  };
}
