import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileOf } from '../../scripts/build/scripts';

/** The command line run as a newcomer runs it: a separate process, its exit code and output. */

export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command line as its own process, without colour, with `env` added to this process's. */
export function runAsProcess(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', ...args],
      { env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A token that must never show in any output. */
export const SECRET = 'tok-from-env-7c2f9e41b5d84a0f';
export const PROVISIONING = join('dist', fileOf('provisioning'));
export const DEPROVISIONING = join('dist', fileOf('deprovisioning'));

export function tempJson(name: string, content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'goto-try-')), name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}
