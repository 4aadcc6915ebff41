import { describe, expect, it } from 'vitest';
import { hostContext } from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';
import { bundleEs2015 } from '../../scripts/build/bundle';
import { downLevel } from '../../scripts/build/down-level';
import { productVersion, SCRIPTS } from '../../scripts/build/scripts';
import { DEFAULT_OPTIONS } from '../../src/options';
import { fakeAccount } from '../support/accounts';
import { describeEngineScenarios, runIn } from '../support/engine-scenarios';

/**
 * The built scripts in JS-Interpreter, an ECMAScript 5 engine written in JavaScript: it parses
 * nothing after ES5 and has only ES5's built-ins. An engine that runs the GoTo how-to's script
 * (ES5 plus `let`) may be this old, so the scripts must run here as they run in V8.
 */

describeEngineScenarios('js-interpreter', 'JS-Interpreter (ES5)');

const USERS = "'https://api.getgo.com/admin/rest/v1/accounts/1/users'";
const es5 = (code: string, timeoutMs?: number) =>
  runIn(
    'js-interpreter',
    code,
    hostContext(),
    createFakeGoto(),
    timeoutMs === undefined ? {} : { timeoutMs },
  );

describe('the JS-Interpreter host itself', () => {
  it.each([
    ['let', 'let a = 1; done(context);'],
    ['const', 'const a = 1; done(context);'],
    ['an arrow function', 'var f = () => 1; done(context);'],
    ['a template literal', 'var s = `a`; done(context);'],
    ['a shorthand property', 'var a = 1; var o = { a }; done(context);'],
    ['for…of', 'for (var a of [1]) {} done(context);'],
  ])('refuses to parse %s', async (_, code) => {
    await expect(es5(code)).rejects.toThrow(/cannot parse the script as ES5/);
  });

  it.each(SCRIPTS.map((script) => [script.name, script] as const))(
    'refuses %s as esbuild bundles it, and runs it once lowered to ES5',
    async (_, script) => {
      const info = { version: productVersion(), options: DEFAULT_OPTIONS };
      const es2015 = await bundleEs2015(script.entry, info);
      await expect(es5(es2015)).rejects.toThrow(/cannot parse the script as ES5/);
      const run = await runIn(
        'js-interpreter',
        await downLevel(es2015),
        hostContext(),
        fakeAccount(),
      );
      expect(run.doneCalls).toBe(1);
      expect(run.result?.ok).toBe(true);
    },
  );

  it('has only the ES5 built-ins: none of the ES2015 ones the scripts must do without', async () => {
    const code = `context.missing = [
        typeof Number.isSafeInteger, typeof Number.isNaN, typeof Number.MAX_SAFE_INTEGER,
        typeof Object.assign, typeof Array.from, typeof [].find, typeof [].includes,
        typeof ''.startsWith, typeof ''.includes, typeof Map, typeof Set, typeof Symbol,
        typeof Promise, typeof setTimeout
      ];
      done(context);`;
    const run = await es5(code);
    expect(run.context?.missing).toEqual(Array(14).fill('undefined'));
  });

  it('hands complete over from a later turn, after the script has returned', async () => {
    const code = `var returned = false;
      rest.get(${USERS}).on('complete', function (result, response) {
        context.seen = [returned, response.statusCode, this.on !== undefined];
        done(context);
      });
      returned = true;`;
    const run = await es5(code);
    expect(run.context?.seen).toEqual([true, 401, true]);
  });

  it('hands a network error over as a guest Error with its code, as ES5 tells one apart', async () => {
    const fake = createFakeGoto();
    fake.inject({ respond: { networkError: true } });
    const code = `rest.get(${USERS}).on('complete', function (result, response) {
        context.seen = [Object.prototype.toString.call(result), result.code, response,
          Object.prototype.toString.call([1]), String(new TypeError('m')), [1, 2].toString()];
        done(context);
      });`;
    const run = await runIn('js-interpreter', code, hostContext(), fake);
    expect(run.context?.seen).toEqual([
      '[object Error]',
      'ECONNRESET',
      null,
      '[object Array]',
      'TypeError: m',
      '1,2',
    ]);
  });

  it('fails the run when a guest handler throws', async () => {
    const code = `rest.get(${USERS}).on('complete', function () { throw new TypeError('handler broke'); });`;
    await expect(es5(code)).rejects.toThrow('handler broke');
  });

  it('fails the run when the top level throws, and ends a script that never stops', async () => {
    await expect(es5('undefinedName.x = 1;')).rejects.toThrow(/undefinedName/);
    await expect(es5('for (;;) {}', 200)).rejects.toThrow(/still running at the deadline/);
  });
});
