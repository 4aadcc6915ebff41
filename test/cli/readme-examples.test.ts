import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reconcileCommand } from '../../cli/account/reconcile';
import { allCommands } from '../../cli/commands';
import { readSeedFile } from '../../cli/shared/seed';
import { createFakeGoto } from '../../emulator/fake-goto';
import { callCommand } from '../support/admin-tools';
import { runInProcess } from '../support/cli';

/**
 * The commands the README and the command reference print are the ones that work, and the
 * sample outputs are what they print. In those pages:
 * - every line of a ```sh block that runs the command line (`npm run <script> -- …` or
 *   `gotomeeting-myworkspace …`) runs here as it stands, offline (`--fake` where GoTo is asked),
 *   in the order of the page, and is no usage mistake;
 * - a ```console block is a session: each `$ command` line is run and what it prints must be
 *   the lines below it, exactly;
 * - ```sh tenant and ```powershell blocks need a tenant or Windows: they are not run, but each of
 *   their commands must name a command the program has.
 */

const PAGES = ['README.md', 'docs/command-line.md'];
const SCRIPTS = ['build', 'try', 'check', 'audit', 'reconcile', 'demo'];
const COMMANDS = allCommands().map((command) => command.name());

interface Block {
  page: string;
  info: string;
  lines: string[];
}

function blocksOf(page: string): Block[] {
  const found: Block[] = [];
  let open: Block | undefined;
  for (const line of readFileSync(page, 'utf8').split('\n')) {
    if (open === undefined) {
      const fence = /^```(.*)$/.exec(line);
      if (fence) open = { page, info: (fence[1] ?? '').trim(), lines: [] };
    } else if (line === '```') {
      found.push(open);
      open = undefined;
    } else {
      open.lines.push(line);
    }
  }
  return found;
}

/** The words of a shell line as sh splits them, up to a comment or a redirection. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    const word = match[1] ?? match[2] ?? match[3] ?? '';
    if (match[3] !== undefined && (word.startsWith('#') || word === '>')) break;
    words.push(word);
  }
  return words;
}

/** The program's arguments for one command of a line, or undefined when it is not the program. */
function programArgs(command: string): string[] | undefined {
  const words = shellWords(command.replace(/^(\s*\$env:\w+ = "[^"]*";)+/, '').trim());
  while (words[0] !== undefined && /^\w+=/.test(words[0])) words.shift();
  if (words[0] === 'gotomeeting-myworkspace') return words.slice(1);
  if (words[0] !== 'npm' || words[1] !== 'run') return undefined;
  const script = words[2] ?? '';
  const rest = words.slice(3);
  if (rest.length > 0 && rest[0] !== '--') {
    throw new Error(`"${command}" puts flags before --, where npm takes them for itself`);
  }
  const args = rest.slice(1);
  if (script === 'cli') return args;
  if (SCRIPTS.includes(script)) return [script, ...args];
  throw new Error(`"${command}" runs npm script "${script}", which is not the command line`);
}

function commandsOf(line: string): string[][] {
  return line
    .replace(/(^|\s)#.*$/, '')
    .split(/&&|;(?=\s*npm|\s*gotomeeting)/)
    .map(programArgs)
    .filter((args): args is string[] => args !== undefined);
}

/** Runs the program in this process; what it prints, as the administrator sees it. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
    printed.push(String(text));
  });
  vi.spyOn(console, 'error').mockImplementation((text: unknown) => {
    printed.push(`stderr: ${String(text)}`);
  });
  const done = await runInProcess(args);
  vi.restoreAllMocks();
  const out = `${done.out}${printed.filter((line) => !line.startsWith('stderr: ')).join('\n')}`;
  const err = `${done.err}${printed.filter((line) => line.startsWith('stderr: ')).join('\n')}`;
  return { code: done.code, out, err };
}

afterEach(() => vi.restoreAllMocks());

const blocks = PAGES.flatMap(blocksOf);
const runnable = blocks.filter((block) => block.info === 'sh');
const sessions = blocks.filter((block) => block.info === 'console');
const shownOnly = blocks.filter(
  (block) => block.info === 'sh tenant' || block.info === 'powershell',
);

describe('the commands the pages print', () => {
  it('finds the blocks it checks', () => {
    expect(runnable.length).toBeGreaterThan(5);
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    expect(shownOnly.length).toBeGreaterThanOrEqual(3);
  });

  it.each(
    runnable.flatMap((block) =>
      block.lines.flatMap((line) => commandsOf(line).map((args) => [block.page, args] as const)),
    ),
  )(
    '%s: %j runs offline as it stands',
    async (_, args) => {
      const done = await run(args);
      expect(done.err).toBe('');
      expect(done.code).not.toBe(2);
    },
    60_000,
  );

  it.each(
    sessions.flatMap((block) => {
      const text = block.lines.join('\n');
      return text
        .split(/^\$ /m)
        .slice(1)
        .map((session) => {
          const [command = '', ...output] = session.split('\n');
          return [block.page, command, output.join('\n')] as const;
        });
    }),
  )('%s: `%s` prints what the page shows', async (_, command, expected) => {
    const [args] = commandsOf(command);
    expect(args).toBeDefined();
    const done = await run(args ?? []);
    expect(done.err).toBe('');
    expect(done.out).toBe(expected);
  });

  it.each(
    shownOnly.flatMap((block) =>
      block.lines.flatMap((line) => commandsOf(line).map((args) => [block.info, args] as const)),
    ),
  )('%s: %j names a command of the program', (_, args) => {
    expect(COMMANDS).toContain(args[0]);
  });
});

const README = readFileSync('README.md', 'utf8');

function seededFake() {
  return createFakeGoto(readSeedFile('examples/seed.json'));
}

describe('README reconcile --apply example', () => {
  it('shows the result table reconcile --apply prints for the example files', async () => {
    const done = await callCommand(seededFake(), reconcileCommand, [
      'examples/standard.settings.json',
      '--assigned',
      'examples/assigned-standard.csv',
      '--apply',
      '--yes',
    ]);
    expect(done.code).toBe(0);
    const results = done.stdout.slice(done.stdout.indexOf('Applied to GoTo account'));
    expect(results.split('\n').length).toBeGreaterThan(5);
    expect(README).toContain(`\`\`\`\n${results}\n\`\`\``);
  });
});
