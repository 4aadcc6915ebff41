import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../../emulator';
import { bundleScripts } from '../../scripts/build/bundle';
import { checkScript } from '../../scripts/build/check-script';
import { readScript } from '../../scripts/build/header';
import { BLOCK_START, OPTIONS_END } from '../../scripts/build/options-block';
import { productVersion, readBuilt, SCRIPTS, type ScriptName } from '../../scripts/build/scripts';
import { DEFAULT_OPTIONS } from '../../src/options';
import { blockOf } from '../support/blocks';
import { buildWith } from '../support/builds';
import { posixCheck } from '../support/paste-check';

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

  it('writes a header with the version and the trigger, and the options in the block below it', () => {
    const code = readBuilt('deprovisioning');
    const header = code.slice(0, code.indexOf(BLOCK_START));
    expect(header).toContain(`version ${productVersion()}`);
    expect(header).toContain('Paste this whole file into the MyWorkspace workflow editor');
    expect(header).toContain('"User unassigned from Application"');
    expect(header).not.toContain('remove-licenses');
    const block = blockOf(code);
    expect(block).toContain('\n  deprovisionMode: "remove-licenses",\n');
    expect(block).toContain('\n  apiBaseUrl: "https://api.getgo.com/admin/rest/v1",\n');
  });

  it('lists in each block only the options that change that script, each under a comment', () => {
    const options = (name: ScriptName) =>
      [...blockOf(readBuilt(name)).matchAll(/^ {2}(\w+): /gm)].map((match) => match[1]);
    expect(options('provisioning')).toEqual([
      'welcomeEmail',
      'locale',
      'maxRetries',
      'retryBudgetSeconds',
      'dryRun',
      'apiBaseUrl',
      'accountKey',
      'notifyUrl',
      'notifyOn',
      'notifyFormat',
    ]);
    expect(options('deprovisioning')).toEqual([
      'deprovisionMode',
      'maxRetries',
      'retryBudgetSeconds',
      'dryRun',
      'apiBaseUrl',
      'accountKey',
      'notifyUrl',
      'notifyOn',
      'notifyFormat',
    ]);
    for (const { name } of SCRIPTS) {
      const lines = blockOf(readBuilt(name)).split('\n');
      lines.forEach((line, index) => {
        if (/^ {2}\w+: /.test(line)) expect(lines[index - 1]).toMatch(/^ {2}\/\/ \S/);
      });
    }
  });

  it.each(SCRIPTS.map((script) => script.name))(
    'records in the header of %s the SHA-256 of the code after the block, as the documented POSIX check prints it',
    async (name) => {
      const code = readBuilt(name);
      const recorded = /^\/\/ {3}([0-9a-f]{64})$/m.exec(code)?.[1];
      const body = code.slice(code.indexOf(`\n${OPTIONS_END}\n`) + OPTIONS_END.length + 2);
      expect(body.startsWith('(function () {\n"use strict";\n')).toBe(true);
      expect(recorded).toBe(createHash('sha256').update(body).digest('hex'));
      expect(await posixCheck(code)).toEqual({ stdout: `${recorded}  -\n`, stderr: '' });
    },
  );

  it('sees a changed paste: the code no longer matches its checksum', () => {
    const code = readBuilt('provisioning');
    expect(readScript(code)).toMatchObject({ checksumMatches: true, name: 'provisioning' });
    const edited = code.replace('var MAX_EMAIL_LENGTH = 128;', 'var MAX_EMAIL_LENGTH = 1280;');
    expect(edited).not.toBe(code);
    expect(readScript(edited).checksumMatches).toBe(false);
    expect(readScript(edited).problem).toMatch(/^its code was changed after it was built/);
  });

  it('puts a warning first in the block of dry-run and delete-mode builds, and only there', async () => {
    const firstOfBlock = (code: string) => blockOf(code).split('\n')[1];
    const dry = await buildWith({ dryRun: true });
    expect(firstOfBlock(dry.provisioning)).toMatch(/^ {2}\/\/ WARNING: built as a DRY RUN/);
    expect(firstOfBlock(dry.deprovisioning)).toMatch(/^ {2}\/\/ WARNING: built as a DRY RUN/);
    const deleting = await buildWith({ deprovisionMode: 'delete' });
    expect(firstOfBlock(deleting.deprovisioning)).toMatch(
      /^ {2}\/\/ WARNING: built in DELETE MODE .*DELETES their GoTo user/,
    );
    expect(firstOfBlock(deleting.provisioning)).not.toContain('WARNING');
    expect(firstOfBlock(readBuilt('provisioning'))).not.toContain('WARNING');
    expect(firstOfBlock(readBuilt('deprovisioning'))).not.toContain('WARNING');
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
