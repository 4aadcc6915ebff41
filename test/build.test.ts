import { describe, expect, it } from 'vitest';
import { runBuiltScript } from '../emulator';
import { bundleScripts, productVersion, readBuilt, SCRIPTS } from '../scripts/lib/bundle';
import { checkScript } from '../scripts/lib/check-script';
import { DEFAULT_OPTIONS } from '../src/options';

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
