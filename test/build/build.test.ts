import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'acorn';
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
    ['a Map', 'var m = new Map();', '"Map"'],
    ['a Set', 'var s = new Set();', '"Set"'],
    ['a Symbol', 'var s = Symbol("x");', '"Symbol"'],
    ['console', 'console.log(context);', '"console"'],
    ['globalThis', 'globalThis.x = 1;', '"globalThis"'],
    ['fetch', 'fetch("https://example.com");', '"fetch"'],
    ['an import', 'import x from "y";', 'is not ES5 script syntax'],
    ['an export', 'export var x = 1;', 'is not ES5 script syntax'],
    ['a source map', 'done(context);\n//# sourceMappingURL=x.js.map', 'source map'],
  ])('rejects %s', (_, code, words) => {
    const problems = checkScript('x.js', code);
    expect(problems.join('\n')).toContain(words);
  });

  it.each([
    ['var a = 1;\nlet b = 2;', '2:1 uses a `let` declaration'],
    ['var a = 1;\nconst b = 2;', '2:1 uses a `const` declaration'],
    ['var f = (x) => x;', '1:9 uses an arrow function'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the code under test is a template literal
    ['var s = `${context}`;', '1:9 uses a template literal'],
    ['var s = String.raw`x`;', '1:9 uses a tagged template'],
    ['class A {}', '1:1 uses a class'],
    ['var { a } = context;', '1:5 uses destructuring'],
    ['var [a] = [context];', '1:5 uses destructuring'],
    ['function f(a = 1) { return a; }', '1:12 uses a default value'],
    ['function f(...a) { return a; }', '1:12 uses a rest parameter'],
    ['var a = [].concat([...[1]]);', '1:20 uses spread (...)'],
    ['for (var a of [1]) {}', '1:1 uses for…of'],
    ['var a = 1; var o = { a };', '1:22 uses a shorthand property'],
    ['var o = { ["a" + 1]: 1 };', '1:11 uses a computed property name'],
    ['var o = { f() {} };', '1:11 uses a method shorthand'],
    ['function* g() {}', '1:1 uses a generator function'],
    ['async function f() {}', '1:1 uses an async function'],
    ['var a = context?.x;', '1:9 uses optional chaining'],
    ['var a = context ?? 1;', '1:9 uses the ?? operator'],
    ['var a = 2 ** 3;', '1:9 uses the ** operator'],
    ['var r = /a/u;', '1:9 uses the regular expression flags "u"'],
    ['var r = /a/y;', '1:9 uses the regular expression flags "y"'],
    ['var n = 0b11;', '1:9 uses the number literal 0b11'],
    ['try {} catch {}', '1:8 uses a catch without a binding'],
  ])('names the ES2015+ syntax in %j and where it is', (code, words) => {
    const problems = checkScript('x.js', code).join('\n');
    expect(problems).toContain(`x.js:${words}`);
    expect(problems).toContain('newer than ES5');
  });

  it.each([
    ['Number.isSafeInteger(1);', '1:1 uses Number.isSafeInteger, which ES5 does not have'],
    ['Number.isNaN(1);', '1:1 uses Number.isNaN'],
    ['var m = Number.MAX_SAFE_INTEGER;', '1:9 uses Number.MAX_SAFE_INTEGER'],
    ['Object.assign({}, context);', '1:1 uses Object.assign'],
    ['Object.entries(context);', '1:1 uses Object.entries'],
    ['Array.from([1]);', '1:1 uses Array.from'],
    ['var t = Math.trunc(1.5);', '1:9 uses Math.trunc'],
    ['String.fromCodePoint(65);', '1:1 uses String.fromCodePoint'],
    ['[1].find(function (x) { return x; });', '1:1 uses .find, a built-in method newer than ES5'],
    ['[1].includes(1);', '1:1 uses .includes'],
    ['"ab".startsWith("a");', '1:1 uses .startsWith'],
    ['"ab".includes("a");', '1:1 uses .includes'],
    ['"a".repeat(2);', '1:1 uses .repeat'],
    ['Array.prototype.findIndex.call([1], isNaN);', '1:1 uses .findIndex'],
    ['var k = [1]["values"]();', '1:9 uses .values'],
  ])('names the built-in newer than ES5 in %j and where it is', (code, words) => {
    expect(checkScript('x.js', code).join('\n')).toContain(`x.js:${words}`);
  });

  it('accepts the host globals, ES5 syntax and the ES5 built-ins', () => {
    const code = `(function () {
      var keys = JSON.parse('[1]').map(function (k) { return String(k); });
      var text = encodeURIComponent(keys[0]) + Object.keys({ a: 1 }).join(',');
      var ok = Array.isArray(keys) && isNaN(Number.NaN) && Math.max(1, 2) === 2 && Date.now() > 0;
      var o = { get size() { return keys.length; }, 'default': ok };
      rest.get(text + o.size).on('complete', function () { done(context); });
    })();`;
    expect(checkScript('x.js', code)).toEqual([]);
  });

  it('finds both committed scripts clean, and acorn reads each as ES5', () => {
    for (const { name, file } of SCRIPTS) {
      expect(checkScript(file, readBuilt(name))).toEqual([]);
      expect(() => parse(readBuilt(name), { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
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
