import { describe, expect, it } from 'vitest';
import { hostContext } from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';
import { describeEngineScenarios, runIn } from '../support/engine-scenarios';

/**
 * The built scripts in QuickJS, an engine that shares no code with V8: its own RegExp, JSON and
 * string internals, no Promise job ever run unless asked, every host value a copy. The MyWorkspace
 * host's engine is not documented (Node, or an embedded engine in .NET), so the shared scenarios
 * (test/support/engine-scenarios.ts) must end as they do in the vm host.
 */

describeEngineScenarios('quickjs', 'QuickJS');

describe('the QuickJS host itself', () => {
  const quick = (code: string, timeoutMs?: number) =>
    runIn(
      'quickjs',
      code,
      hostContext(),
      createFakeGoto(),
      timeoutMs === undefined ? {} : { timeoutMs },
    );

  it.each([
    ['Promise', 'Promise.resolve().then(() => done(context));', /'?Promise'? is not defined/],
    ['setTimeout', 'setTimeout(() => done(context), 0);', /'?setTimeout'? is not defined/],
  ])('fails a script that uses %s', async (_, code, message) => {
    await expect(quick(code)).rejects.toThrow(/ReferenceError/);
    await expect(quick(code)).rejects.toThrow(message);
  });

  it('never runs Promise jobs: an async function without the Promise global never reaches done', async () => {
    // Deleting `Promise` does not remove async functions; their continuations are jobs that
    // only `executePendingJobs` would run, and the host never calls it.
    const run = await quick('(async function () { await null; done(context); })();', 300);
    expect(run).toMatchObject({ context: undefined, result: undefined, doneCalls: 0, calls: [] });
  });

  it('fails the run when a guest handler throws', async () => {
    const code = `rest.get('https://api.getgo.com/admin/rest/v1/accounts/1/users')
      .on('complete', function () { throw new TypeError('handler broke'); });`;
    await expect(quick(code)).rejects.toThrow('TypeError: handler broke');
  });

  it('hands a network error over as a guest Error with its code, and the response as null', async () => {
    const fake = createFakeGoto();
    fake.inject({ respond: { networkError: true } });
    const code = `rest.get('https://api.getgo.com/admin/rest/v1/accounts/1/users').on('complete',
      function (result, response) {
        context.seen = [Object.prototype.toString.call(result), result.code, response, this.on !== undefined];
        done(context);
      });`;
    const run = await runIn('quickjs', code, hostContext(), fake);
    expect(run.context?.seen).toEqual(['[object Error]', 'ECONNRESET', null, true]);
  });
});
