import { describe, expect, it } from 'vitest';
import { hostContext } from '../../emulator/contexts';
import { runInHost } from '../../emulator/host/vm-host';
import type { Rest, RestRequest } from '../../src/host/rest';
import { builtScript } from '../support/scenario';

/**
 * What a network error says in the failure: the host's error `code`, else its `message`, else
 * "no response". Hosts differ in what they put on the Error they hand over (a .NET host's shim
 * may leave `code` empty, or give an Error without a message), so each is fed here through a
 * `rest` whose every attempt ends with a fresh such Error and no response.
 */

const EMAIL = 'jane.doe@example.com';

function failingRest(makeError: () => Error): Rest {
  const request = (): RestRequest => {
    const handlers: ((result: unknown, response: null) => void)[] = [];
    const fire = () =>
      setTimeout(() => {
        for (const handler of handlers) handler(makeError(), null);
      });
    const pending: RestRequest = {
      on(event, handler) {
        if (event === 'complete') handlers.push(handler);
        return pending;
      },
      retry: () => fire(),
    };
    fire();
    return pending;
  };
  return { get: request, post: request, del: request };
}

async function lookupFailsWith(makeError: () => Error) {
  const run = await runInHost(builtScript('provisioning'), hostContext(), failingRest(makeError));
  expect(run.doneCalls).toBe(1);
  expect(run.result).toMatchObject({ outcome: 'failed', error: 'network-error' });
  expect(run.result?.calls.map((call) => `${call.method} ${call.status}`)).toEqual(
    Array(4).fill('GET null'),
  );
  return run.result?.message;
}

const said = (words: string) =>
  `GoTo did not answer (${words}) while looking up ${EMAIL}, after 3 retries; check the network path to the GoTo API and run the workflow again.`;

describe('the words of a network error the host hands over', () => {
  it("names the error's code when it has one", async () => {
    const message = await lookupFailsWith(() =>
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    );
    expect(message).toBe(said('ECONNRESET'));
  });

  it('names the message when the code is empty', async () => {
    const message = await lookupFailsWith(() =>
      Object.assign(new Error('socket hang up'), { code: '' }),
    );
    expect(message).toBe(said('socket hang up'));
  });

  it('says "no response" when the error has neither code nor message', async () => {
    const message = await lookupFailsWith(() => new Error(''));
    expect(message).toBe(said('no response'));
  });
});
