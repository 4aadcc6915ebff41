import { isRecord } from '../../src/common/values';
import { connectionAccountKey, oauthFields, readLicenseKeys } from '../../src/host/context';
import { readContextText } from '../shared/context-file';
import { readInputText } from '../shared/input-text';
import { refuseTokenInFile } from '../shared/token';
import { UsageError } from '../shared/usage';

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
  const text = readInputText(path);
  if (text === undefined) {
    throw new UsageError(`cannot read the settings file ${path}: check the path`);
  }
  // Read as the local runner reads a context file: a key JavaScript would round is refused.
  const root = readContextText(text, path);
  refuseTokenInFile(root, path);
  const fields = record(record(record(root.Application).ApplicationSettings).Fields);
  const licenseKeys = readLicenseKeys(fields.ApplicationLicenses);
  if (typeof licenseKeys === 'string') throw new UsageError(`${path}: ${licenseKeys}`);
  const settings: ToolSettings = { licenseKeys, enabled: fields.EnableAccountProvisioning };
  if (root.OAuth2ProtocolConfiguration !== undefined) {
    const oauth = oauthFields(root.OAuth2ProtocolConfiguration);
    if (typeof oauth === 'string') throw new UsageError(`${path}: ${oauth}`);
    const account = connectionAccountKey(oauth);
    if (typeof account === 'string') throw new UsageError(`${path}: ${account}`);
    if (account.accountKey !== undefined) settings.accountKey = account.accountKey;
  }
  return settings;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
