import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, CommanderError } from 'commander';
import type { RequestHandler } from 'msw';
import { vi } from 'vitest';
import type { Timer } from '../../cli/account/connection';
import type { ToolIo } from '../../cli/account/session';
import { EXIT_USAGE, UsageError } from '../../cli/shared/usage';
import { SimulatedClock, serveApi } from '../../emulator';
import { ACCOUNT_KEY, STANDARD } from '../../emulator/contexts';
import type { FakeGoto } from '../../emulator/fake-goto';

/** The administrator's commands driven through their factories against the msw fake. */

/** The emulator's simulated clock as the tools' timer: pacing and back-off without waiting. */
export function simulatedTimer(): Timer {
  const clock = new SimulatedClock();
  return {
    now: () => clock.now(),
    sleep: async (ms) => clock.advance(ms),
  };
}

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function callCommand(
  fake: FakeGoto,
  factory: (io: ToolIo) => Command,
  args: string[],
  options: { token?: string; timer?: Timer; alsoServe?: readonly RequestHandler[] } = {},
): Promise<ToolRun> {
  serveApi([...fake.handlers, ...(options.alsoServe ?? [])]);
  const out: string[] = [];
  const err: string[] = [];
  vi.stubEnv('GOTO_ACCESS_TOKEN', options.token ?? fake.options.token);
  const command = factory({
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    timer: options.timer ?? simulatedTimer(),
  })
    .exitOverride()
    .configureOutput({ writeErr: (text) => err.push(text.trimEnd()), writeOut: () => {} });
  process.exitCode = undefined;
  let code: number;
  try {
    await command.parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof UsageError) err.push(error.message);
    else if (!(error instanceof CommanderError)) throw error;
    code = EXIT_USAGE;
  } finally {
    process.exitCode = undefined;
    vi.unstubAllEnvs();
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'goto-tool-')), name);
  writeFileSync(path, content);
  return path;
}

/** A settings file as `try` takes it, without the token. */
export function settingsFile(
  input: { accountKey?: string | null; licenses?: unknown; enabled?: unknown } = {},
): string {
  const oauth: Record<string, unknown> = { token_type: 'Bearer' };
  const accountKey = input.accountKey === undefined ? ACCOUNT_KEY : input.accountKey;
  if (accountKey !== null) oauth.account_key = accountKey;
  return tempFile(
    'settings.json',
    JSON.stringify({
      OAuth2ProtocolConfiguration: JSON.stringify(oauth),
      Application: {
        ApplicationSettings: {
          Fields: {
            ApplicationLicenses: input.licenses ?? [STANDARD],
            EnableAccountProvisioning: input.enabled ?? true,
          },
        },
      },
    }),
  );
}

/** Every request the fake answered was a read. */
export function methodsSeen(fake: FakeGoto): string[] {
  return [...new Set(fake.requests.map((request) => request.method))];
}
