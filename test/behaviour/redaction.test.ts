import { describe, expect, it } from 'vitest';
import { hostContext, TOKEN } from '../../emulator/contexts';
import type { FaultResponse } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
import { buildWith } from '../support/builds';
import { expectCleanEnd } from '../support/expectations';
import { runScript, type ScriptName } from '../support/scenario';

/**
 * The access token never reaches the result, even when GoTo echoes it back: in a JSON error
 * body, whose code lands in the message, and in a text page, whose start lands there too.
 */

const ECHOES: [string, FaultResponse][] = [
  [
    'a JSON error body',
    {
      status: 400,
      body: JSON.stringify({
        incidentId: `incident-${TOKEN}`,
        errors: [{ code: `token.${TOKEN}.refused`, value: TOKEN }],
      }),
    },
  ],
  [
    'an HTML error page',
    {
      status: 500,
      contentType: 'text/html',
      body: `<html><body>Bad request: Authorization: Bearer ${TOKEN}</body></html>`,
    },
  ],
];

describe.each<ScriptName>(['provisioning', 'deprovisioning'])('%s', (name) => {
  it.each(ECHOES)('scrubs the token GoTo echoes in %s', async (_, respond) => {
    const fake = fakeAccount();
    fake.inject({ method: 'GET', respond });
    const run = await runScript(name, fake, hostContext());
    expectCleanEnd(run);
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    // The echoed text did reach the message, with the token cut out of it.
    expect(run.result.message).toContain('[redacted]');
    expect(JSON.stringify(run.result)).not.toContain(TOKEN);
  });
});

describe('the token wherever the result holds it', () => {
  it('inside lists: the paths of calls, when the address happens to hold it', async () => {
    const fake = fakeAccount();
    const run = await runScript(
      'provisioning',
      fake,
      hostContext({ email: `${TOKEN}@example.com` }),
    );
    expectCleanEnd(run);
    expect(run.result.outcome).toBe('created');
    expect(run.result.email).toBe('[redacted]@example.com');
    expect(run.result.calls[0]?.path).toContain('[redacted]');
  });

  it('inside a planned body of a dry run', async () => {
    const { provisioning } = await buildWith({ dryRun: true });
    const run = await runScript(
      'provisioning',
      fakeAccount(),
      hostContext({ email: `${TOKEN}@example.com` }),
      {
        code: provisioning,
      },
    );
    expectCleanEnd(run);
    expect(run.result.calls[1]).toMatchObject({
      planned: true,
      body: { users: [{ email: '[redacted]@example.com' }] },
    });
  });

  it.each([
    ['of exactly 8 characters is scrubbed', 'SECRET88', '[redacted]'],
    ['of 7 characters is left: it would mangle ordinary words', 'SECRET7', 'SECRET7'],
  ])('a token %s', async (_, token, shown) => {
    const fake = fakeAccount({ token });
    fake.inject({
      method: 'GET',
      respond: { status: 400, body: JSON.stringify({ errors: [{ code: `echo.${token}` }] }) },
    });
    const run = await runScript('provisioning', fake, hostContext({ token }));
    expect(run.result).toMatchObject({ outcome: 'failed', error: 'api-error' });
    expect(run.result.message).toContain(`code echo.${shown}`);
  });
});
