import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundleScripts, productVersion } from '../scripts/lib/bundle';
import { checkScript } from '../scripts/lib/check-script';
import { CHECK_COMMAND, readHeader } from '../scripts/lib/header';
import { DEFAULT_OPTIONS } from '../src/options';
import { buildWith } from './support/builds';
import { runInHost } from './support/vm-host';

const dist = (file: string) => readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');

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
    for (const file of ['gotomeeting-provisioning.js', 'gotomeeting-deprovisioning.js']) {
      expect(checkScript(file, dist(file))).toEqual([]);
    }
  });
});

describe('the build', () => {
  it('reproduces the committed dist/ byte for byte, twice', async () => {
    const first = await bundleScripts(DEFAULT_OPTIONS);
    const second = await bundleScripts(DEFAULT_OPTIONS);
    expect(second).toEqual(first);
    for (const script of first) expect(script.code).toBe(dist(script.file));
  });

  it('writes a header with the version, the trigger and the options', () => {
    const code = dist('gotomeeting-deprovisioning.js');
    const header = code.slice(0, code.indexOf('*/'));
    expect(header).toContain(`version ${productVersion()}`);
    expect(header).toContain('Paste this whole file into the MyWorkspace workflow editor');
    expect(header).toContain('"User unassigned from Application"');
    expect(header).toContain('deprovisionMode: "remove-licenses"');
    expect(header).toContain('apiBaseUrl: "https://api.getgo.com/admin/rest/v1"');
  });

  it('lists in each header only the options that change that script', () => {
    const options = (file: string) =>
      [...dist(file).matchAll(/^ \* {3}(\w+): /gm)].map((match) => match[1]);
    expect(options('gotomeeting-provisioning.js')).toEqual([
      'welcomeEmail',
      'locale',
      'maxRetries',
      'retryBudgetSeconds',
      'dryRun',
      'apiBaseUrl',
      'accountKey',
    ]);
    expect(options('gotomeeting-deprovisioning.js')).toEqual([
      'deprovisionMode',
      'maxRetries',
      'retryBudgetSeconds',
      'dryRun',
      'apiBaseUrl',
      'accountKey',
    ]);
  });

  it.each(['gotomeeting-provisioning.js', 'gotomeeting-deprovisioning.js'])(
    'records in the header of %s the SHA-256 of everything after it, as the documented command prints it',
    async (file) => {
      const code = dist(file);
      const recorded = /SHA-256 of everything after this comment:\n \* {3}([0-9a-f]{64})\n/.exec(
        code,
      )?.[1];
      const body = code.slice(code.indexOf('\n */\n') + 5);
      expect(body.startsWith('"use strict";')).toBe(true);
      expect(recorded).toBe(createHash('sha256').update(body).digest('hex'));
      const path = join(mkdtempSync(join(tmpdir(), 'goto-sha-')), file);
      writeFileSync(path, code);
      const command = CHECK_COMMAND.replace(/^check a copy: /, '')
        .replace(/ {3}\(macOS.*$/, '')
        .replace('FILE', path);
      const { stdout } = await promisify(execFile)('sh', ['-c', command]);
      expect(stdout).toBe(`${recorded}  -\n`);
    },
  );

  it('sees a changed paste: the checksum no longer matches', () => {
    const code = dist('gotomeeting-provisioning.js');
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
    expect(firstLine(dist('gotomeeting-provisioning.js'))).toBe('/*');
    expect(firstLine(dist('gotomeeting-deprovisioning.js'))).toBe('/*');
  });

  it('is self-contained and readable: no module syntax, not minified', () => {
    for (const file of ['gotomeeting-provisioning.js', 'gotomeeting-deprovisioning.js']) {
      const code = dist(file);
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
    await expect(runInHost(code, {}, {})).rejects.toThrow(`${name} is not defined`);
  });

  it('gives a script exactly context, rest and done', async () => {
    const run = await runInHost(
      'context.seen = [typeof rest, typeof done]; done(context);',
      {},
      {},
    );
    expect(run.context).toEqual({ seen: ['object', 'function'] });
    expect(run.doneCalls).toBe(1);
  });

  it('counts every done call', async () => {
    const run = await runInHost('done(context); done(context);', {}, {});
    expect(run.doneCalls).toBe(2);
  });
});
