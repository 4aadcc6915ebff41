import { readFileSync } from 'node:fs';
import { accountKeyText, isRecord } from '../../src/common/values';
import { oauthFields, readLicenseKeys } from '../../src/host/context';
import { UsageError } from '../cli/usage';
import { TOKEN_VARIABLE } from '../commands/try';
import { ACCESS_TOKEN_FIELD, readContextText } from './context-file';

/**
 * The settings the administrator's tools read: a context file as the local runner takes it (the
 * app's OAuth configuration without the token, and its fields), read by the scripts' own rules.
 * The token comes only from the environment, so it stays out of files and shell history.
 */

export interface ToolSettings {
  /** A non-empty `account_key` in the OAuth configuration, when there is one. */
  accountKey?: string;
  licenseKeys: string[];
  /** `EnableAccountProvisioning` as found: the scripts act only on the boolean true. */
  enabled: unknown;
}

export function readSettingsFile(path: string): ToolSettings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the settings file ${path}: check the path`);
  }
  // Read as the local runner reads a context file: a key JavaScript would round is refused.
  const root = readContextText(text, path);
  if (JSON.stringify(root).includes(ACCESS_TOKEN_FIELD)) {
    throw new UsageError(
      `${path} contains an ${ACCESS_TOKEN_FIELD}: remove it from the file and set ${TOKEN_VARIABLE} instead`,
    );
  }
  const fields = record(record(record(root.Application).ApplicationSettings).Fields);
  const licenseKeys = readLicenseKeys(fields.ApplicationLicenses);
  if (typeof licenseKeys === 'string') throw new UsageError(`${path}: ${licenseKeys}`);
  const settings: ToolSettings = { licenseKeys, enabled: fields.EnableAccountProvisioning };
  if (root.OAuth2ProtocolConfiguration !== undefined) {
    const oauth = oauthFields(root.OAuth2ProtocolConfiguration);
    if (typeof oauth === 'string') throw new UsageError(`${path}: ${oauth}`);
    const written = oauth.account_key;
    if (written !== undefined && written !== null && written !== '') {
      const accountKey = accountKeyText(written);
      if (accountKey === undefined) {
        throw new UsageError(
          `${path}: account_key in OAuth2ProtocolConfiguration is not a GoTo account key (digits); correct it, or remove it so the scripts ask GoTo for the account`,
        );
      }
      settings.accountKey = accountKey;
    }
  }
  return settings;
}

/** The access token from the environment; a usage mistake when it is not set. */
export function accessTokenFromEnvironment(command: string): string {
  const token = process.env[TOKEN_VARIABLE];
  if (!token) {
    throw new UsageError(
      `${command} needs the access token in the ${TOKEN_VARIABLE} environment variable`,
    );
  }
  return token;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
