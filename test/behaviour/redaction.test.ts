import { describe, expect, it } from 'vitest';
import { hostContext, TOKEN } from '../../emulator/contexts';
import type { FaultResponse } from '../../emulator/fake-goto';
import { fakeAccount } from '../support/accounts';
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
