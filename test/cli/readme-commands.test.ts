import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../cli/commands';
import { maintainerCommands } from '../../scripts/commands';

/**
 * The README's table of commands (under "### Commands" in the quick start) lists exactly the
 * administrators' program's commands, in its order and with its descriptions, each runnable as
 * the npm script it names; the command reference has a section for each, and none for the
 * maintainers' commands.
 */

const README = readFileSync('README.md', 'utf8');
const REFERENCE = readFileSync('docs/command-line.md', 'utf8');
const SCRIPTS: Record<string, string> = JSON.parse(readFileSync('package.json', 'utf8')).scripts;

interface Row {
  name: string;
  description: string;
}

/** The rows of the first table after the `### Commands` heading. */
function readmeCommands(): Row[] {
  const lines = README.split('\n');
  const heading = lines.indexOf('### Commands');
  expect(heading, 'the README has a "### Commands" heading').toBeGreaterThanOrEqual(0);
  const start = lines.findIndex((line, i) => i > heading && line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  const table = lines.slice(start, end === -1 ? undefined : end);
  expect(table.slice(0, 2)).toEqual(['| command | what it does |', '|---|---|']);
  return table.slice(2).map((line) => {
    const match = /^\| `npm run ([a-z-]+)` \| (.+) \|$/.exec(line);
    expect(match, `a row reads | \`npm run <command>\` | <description> |: ${line}`).not.toBeNull();
    return { name: match?.[1] ?? '', description: match?.[2] ?? '' };
  });
}

const program = allCommands().map((command) => ({
  name: command.name(),
  description: command.description(),
}));

describe("the README's command list", () => {
  it("is the program's commands, in its order, with its descriptions", () => {
    expect(readmeCommands()).toEqual(program);
  });

  it('names npm scripts that run those commands', () => {
    for (const { name } of readmeCommands()) {
      expect(SCRIPTS[name], `npm run ${name}`).toBe(`tsx cli/main.ts ${name}`);
    }
  });
});

describe('the command reference', () => {
  const sections = REFERENCE.split('\n')
    .filter((line) => line.startsWith('## '))
    .map((line) => line.slice(3).trim());

  it('has a section for every command of the program', () => {
    for (const { name } of program) expect(sections).toContain(name);
  });

  it("has none for the maintainers' commands, which CONTRIBUTING.md describes", () => {
    const contributing = readFileSync('CONTRIBUTING.md', 'utf8');
    for (const command of maintainerCommands()) {
      expect(sections).not.toContain(command.name());
      expect(contributing).toContain(`npm run maint -- ${command.name()}`);
    }
  });
});
