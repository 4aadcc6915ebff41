import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Prompt } from '../../cli/shared/confirm';
import { tryCommand } from '../../cli/try/command';
import { STANDARD } from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';
import { callCommand } from '../support/admin-tools';
import { buildWith } from '../support/builds';
import { runAsProcess, SECRET } from '../support/tools';

/** `try --real` shows what it will change and waits for the typed word before it writes. */

function answering(answer: string, interactive = true) {
  const shown: string[] = [];
  const asked: string[] = [];
  const prompt: Prompt = {
    interactive,
    ask: async (question) => {
      asked.push(question);
      return answer;
    },
    show: (text) => shown.push(text),
  };
  return { prompt, shown, asked };
}

async function deleteModeScript(): Promise<string> {
  const built = await buildWith({ deprovisionMode: 'delete' });
  const path = join(mkdtempSync(join(tmpdir(), 'goto-delete-')), 'gotomeeting-deprovisioning.js');
  writeFileSync(path, built.deprovisioning);
  return path;
}

function tenant(withJane = true) {
  return createFakeGoto({
    token: SECRET,
    licenses: [{ key: STANDARD, seats: 5 }],
    users: withJane ? [{ email: 'jane.doe@example.com', licenseKeys: [STANDARD] }] : [],
  });
}

afterEach(() => vi.restoreAllMocks());

describe('try --real asks before it writes', () => {
  it('shows the account, the API, "DELETE the GoTo user" and the user, and deletes only after "delete" is typed', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const fake = tenant();
    const asked = answering('delete');
    const done = await callCommand(
      fake,
      () => tryCommand(asked.prompt),
      [await deleteModeScript(), 'examples/unassign-standard.context.json', '--real'],
      { token: SECRET },
    );
    expect(done.code).toBe(0);
    expect(asked.shown.join('\n').split('\n')).toEqual([
      'Real run: GoTo account 1000000000000000001 at https://api.getgo.com/admin/rest/v1',
      'WARNING: not a dry-run build: this run will change GoTo account 1000000000000000001.',
      'mode: de-provision: DELETE the GoTo user, with their meetings and recordings',
      'user: jane.doe@example.com',
    ]);
    expect(asked.asked).toEqual(['Type "delete" to go ahead, anything else to stop: ']);
    expect(fake.user('jane.doe@example.com')).toBeUndefined();
  });

  it('sends nothing when anything else is typed', async () => {
    const fake = tenant();
    const asked = answering('yes');
    const stopped = await callCommand(
      fake,
      () => tryCommand(asked.prompt),
      [await deleteModeScript(), 'examples/unassign-standard.context.json', '--real'],
      { token: SECRET },
    );
    expect(stopped).toEqual({
      code: 1,
      stdout: '',
      stderr: 'not confirmed ("delete" was not typed); nothing was changed',
    });
    expect(fake.requests).toEqual([]);
    expect(fake.user('jane.doe@example.com')).toBeDefined();
  });

  it('asks for "change" before a provisioning run, and --yes skips the question', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const args = ['dist/gotomeeting-provisioning.js', 'examples/assign-standard.context.json'];
    const asked = answering('change');
    const confirmed = await callCommand(
      tenant(),
      () => tryCommand(asked.prompt),
      [...args, '--real'],
      {
        token: SECRET,
      },
    );
    expect(confirmed.code).toBe(0);
    expect(asked.asked).toEqual(['Type "change" to go ahead, anything else to stop: ']);
    const skipped = answering('');
    const fake = tenant(false);
    const yes = await callCommand(
      fake,
      () => tryCommand(skipped.prompt),
      [...args, '--real', '--yes'],
      {
        token: SECRET,
      },
    );
    expect(yes.code).toBe(0);
    expect(skipped.asked).toEqual([]);
    expect(fake.user('jane.doe@example.com')?.licenseKeys).toEqual([STANDARD]);
  });

  it('without a terminal refuses, naming --yes, and sends nothing (exit 2)', async () => {
    const done = await runAsProcess(
      [
        'try',
        'dist/gotomeeting-provisioning.js',
        'examples/assign-standard.context.json',
        '--real',
        '--api-base-url',
        'http://127.0.0.1:9/admin/rest/v1',
      ],
      { GOTO_ACCESS_TOKEN: SECRET },
    );
    expect(done.code).toBe(2);
    expect(done.stderr).toBe(
      'try: try --real changes GoTo and needs --yes when it is not run from a terminal; nothing was changed\n',
    );
    expect(done.stdout).toBe('');
  });

  it('runs a dry-run build without asking: it only reads', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    const built = await buildWith({ dryRun: true });
    const path = join(mkdtempSync(join(tmpdir(), 'goto-dry-')), 'gotomeeting-provisioning.js');
    writeFileSync(path, built.provisioning);
    const asked = answering('', false);
    const done = await callCommand(
      tenant(),
      () => tryCommand(asked.prompt),
      [path, 'examples/assign-standard.context.json', '--real'],
      { token: SECRET },
    );
    expect(done.code).toBe(0);
    expect(asked.asked).toEqual([]);
    expect(lines).toContain('mode: dry run: reads only and lists the writes it would make');
  });
});
