import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../../emulator';
import { bundleScripts } from '../../scripts/build/bundle';
import { checkScript } from '../../scripts/build/check-script';
import { CHECK_COMMAND, readHeader } from '../../scripts/build/header';
import { productVersion, readBuilt, SCRIPTS, type ScriptName } from '../../scripts/build/scripts';
import { DEFAULT_OPTIONS } from '../../src/options';
import { buildWith } from '../support/builds';

describe('the safe-subset check of built scripts', () => {
  it.each([
    ['a timer', 'setTimeout(function () {}, 1);', '"setTimeout"'],
    ['require', 'var fs = require("fs");', '"require"'],
    ['a Promise', 'Promise.resolve(1);', '"Promise"'],
    ['console', 'console.log(context);', '"console"'],
    ['globalThis', 'globalThis.x = 1;', '"globalThis"'],
    ['fetch', 'fetch("https://example.com");', '"fetch"'],
    ['an import', 'import x from "y";', 'is not ES2015 script syntax'],
    ['an export', 'export var x = 1;', 'is not ES2015 script syntax'],
    ['async syntax (ES2017)', 'async function f() {}', 'is not ES2015 script syntax'],
    ['optional chaining (ES2020)', 'var a = context?.x;', 'is not ES2015 script syntax'],
    ['Object.entries (ES2017)', 'Object.entries(context);', '.entries'],
    ['Array includes (ES2016)', '[1].includes(1);', '.includes'],
    ['a source map', 'done(context);\n//# sourceMappingURL=x.js.map', 'source map'],
  ])('rejects %s', (_, code, words) => {
    const problems = checkScript('x.js', code);
    expect(problems.join('\n')).toContain(words);
  });

  it('accepts the host globals, ES2015 syntax and the allowed built-ins', () => {
    const code = `(() => {
      const keys = JSON.parse('[1]').map((k) => String(k));
      let text = \`\${encodeURIComponent(keys[0])}\`;
      class A {}
      rest.get(text).on('complete', function () { done(context); });
    })();`;
    expect(checkScript('x.js', code)).toEqual([]);
  });

  it('finds both committed scripts clean', () => {
    for (const { name, file } of SCRIPTS) {
      expect(checkScript(file, readBuilt(name))).toEqual([]);
    }
  });
});

describe('the build', () => {
  // Whether dist/ matches the sources is npm run check:dist's job, once per CI run.
  it('gives the same bytes every time', async () => {
    const first = await bundleScripts(DEFAULT_OPTIONS);
    const second = await bundleScripts(DEFAULT_OPTIONS);
    expect(second).toEqual(first);
  });

  it('writes a header with the version, the trigger and the options', () => {
    const code = readBuilt('deprovisioning');
    const header = code.slice(0, code.indexOf('*/'));
    expect(header).toContain(`version ${productVersion()}`);
    expect(header).toContain('Paste this whole file into the MyWorkspace workflow editor');
    expect(header).toContain('"User unassigned from Application"');
    expect(header).toContain('deprovisionMode: "remove-licenses"');
    expect(header).toContain('apiBaseUrl: "https://api.getgo.com/admin/rest/v1"');
  });

  it('lists in each header only the options that change that script', () => {
    const options = (name: ScriptName) =>
      [...readBuilt(name).matchAll(/^ \* {3}(\w+): /gm)].map((match) => match[1]);
    expect(options('provisioning')).toEqual([
      'welcomeEmail',
      'locale',
      'maxRetries',
      'retryBudgetSeconds',
      'dryRun',
      'apiBaseUrl',
      'accountKey',
    ]);
    expect(options('deprovisioning')).toEqual([
      'deprovisionMode',
      'maxRetries',
      'retryBudgetSeconds',
      'dryRun',
      'apiBaseUrl',
      'accountKey',
    ]);
  });

  it.each(SCRIPTS.map((script) => script.name))(
    'records in the header of %s the SHA-256 of everything after it, as the documented command prints it',
    async (name) => {
      const code = readBuilt(name);
      const recorded = /SHA-256 of everything after this comment:\n \* {3}([0-9a-f]{64})\n/.exec(
        code,
      )?.[1];
      const body = code.slice(code.indexOf('\n */\n') + 5);
      expect(body.startsWith('"use strict";')).toBe(true);
      expect(recorded).toBe(createHash('sha256').update(body).digest('hex'));
      const path = join(mkdtempSync(join(tmpdir(), 'goto-sha-')), `${name}.js`);
      writeFileSync(path, code);
      const command = CHECK_COMMAND.replace(/^check a copy: /, '')
        .replace(/ {3}\(macOS.*$/, '')
        .replace('FILE', path);
      const { stdout } = await promisify(execFile)('sh', ['-c', command]);
      expect(stdout).toBe(`${recorded}  -\n`);
    },
  );

  it('sees a changed paste: the checksum no longer matches', () => {
    const code = readBuilt('provisioning');
    expect(readHeader(code)?.checksum).toEqual({ recorded: expect.any(String), matches: true });
    const edited = code.replace('"maxRetries": 3,', '"maxRetries": 9,');
    expect(edited).not.toBe(code);
    expect(readHeader(edited)?.checksum?.matches).toBe(false);
  });

  it('puts a warning on the first line of dry-run and delete-mode builds, and only there', async () => {
    const firstLine = (code: string) => code.slice(0, code.indexOf('\n'));
    const dry = await buildWith({ dryRun: true });
    expect(firstLine(dry.provisioning)).toMatch(
      /^\/\* WARNING: DRY-RUN BUILD\. It changes nothing/,
    );
    expect(firstLine(dry.deprovisioning)).toMatch(/^\/\* WARNING: DRY-RUN BUILD\./);
    const deleting = await buildWith({ deprovisionMode: 'delete' });
    expect(firstLine(deleting.deprovisioning)).toMatch(
      /^\/\* WARNING: DELETE-MODE BUILD\. Unassigning a user DELETES their GoTo user/,
    );
    expect(firstLine(deleting.provisioning)).toBe('/*');
    expect(firstLine(readBuilt('provisioning'))).toBe('/*');
    expect(firstLine(readBuilt('deprovisioning'))).toBe('/*');
  });

  it('is self-contained and readable: no module syntax, not minified', () => {
    for (const { name } of SCRIPTS) {
      const code = readBuilt(name);
      expect(code).not.toMatch(/\brequire\(|^import |^export /m);
      expect(code.split('\n').length).toBeGreaterThan(300);
      expect(code).toContain('function readContext(ctx)');
    }
  });
});

describe('the emulated host', () => {
  it.each([
    ['setTimeout', 'setTimeout(function () { done(context); }, 0);'],
    ['require', 'require("fs"); done(context);'],
    ['Promise', 'Promise.resolve().then(function () { done(context); });'],
    ['console', 'console.log("x"); done(context);'],
  ])('has no %s, so a script that uses it fails', async (name, code) => {
    await expect(runBuiltScript({ script: code, context: {} })).rejects.toThrow(
      `${name} is not defined`,
    );
  });

  it('gives a script exactly context, rest and done', async () => {
    const run = await runBuiltScript({
      script: 'context.seen = [typeof rest, typeof done]; done(context);',
      context: {},
    });
    expect(run.context).toEqual({ seen: ['object', 'function'] });
    expect(run.doneCalls).toBe(1);
  });

  it('counts every done call', async () => {
    const run = await runBuiltScript({ script: 'done(context); done(context);', context: {} });
    expect(run.doneCalls).toBe(2);
  });
});
