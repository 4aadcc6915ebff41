import { describe, expect, it } from 'vitest';
import { readWebUrl, type UrlRule } from '../../src/common/web-url';

/**
 * The scripts' rule for the URLs they send to (the GoTo API, a notification webhook): a URL
 * that is not exactly of the accepted form is refused with one line saying which part is wrong,
 * never repaired or guessed at. The line is what an administrator reads to fix the value.
 */

const WEBHOOK: UrlRule = {
  name: 'notifyUrl',
  example: 'https://hooks.slack.com/services/...',
  allowLoopbackHttp: true,
  allowQuery: true,
};

const API: UrlRule = {
  name: 'apiBaseUrl',
  example: 'https://api.getgo.com/admin/rest/v1',
  allowLoopbackHttp: false,
  allowQuery: false,
};

const ALLOWED_WEBHOOK =
  'notifyUrl must be an https URL such as https://hooks.slack.com/services/... (or http://127.0.0.1, http://[::1] or http://localhost, any port)';

const badCharacter = (allowed: string, value: string) =>
  `${allowed}: ${JSON.stringify(value)} has a character or a part a URL may not have there (write spaces and other characters as %XX)`;

describe('readWebUrl refuses a URL with one part wrong, naming what is wrong', () => {
  it.each([
    ['a host with a character no host name has', 'https://hooks_example.com/x'],
    ['port 0', 'https://hooks.example.com:0/x'],
    ['a port above 65535', 'https://hooks.example.com:65536/x'],
    ['a blank in the path', 'https://hooks.example.com/a b'],
    ['a percent sign that is no escape in the path', 'https://hooks.example.com/a%zz'],
    ['a blank in the query', 'https://hooks.example.com/x?text=a b'],
    ['a percent sign that is no escape in the query', 'https://hooks.example.com/x?key=%zz'],
  ])('%s', (_, value) => {
    expect(readWebUrl(value, WEBHOOK)).toEqual({ problem: badCharacter(ALLOWED_WEBHOOK, value) });
  });

  it('a line break after the host, as a string in the options block may hold', () => {
    const value = 'https://api.getgo.com\n/admin/rest/v1';
    expect(readWebUrl(value, API)).toEqual({
      problem: badCharacter(
        'apiBaseUrl must be an https URL such as https://api.getgo.com/admin/rest/v1',
        value,
      ),
    });
  });

  it('an empty user name before the host is refused as credentials', () => {
    expect(readWebUrl('https://@hooks.example.com/x', WEBHOOK)).toEqual({
      problem: `${ALLOWED_WEBHOOK}, without credentials or fragment: "https://@hooks.example.com/x"`,
    });
  });

  it('takes the edges of the accepted form as given', () => {
    for (const value of [
      'https://hooks.example.com:1/x',
      'https://hooks.example.com:65535/a%20b',
      'https://hooks.example.com/x?text=a%20b&key=k',
    ]) {
      expect(readWebUrl(value, WEBHOOK)).toEqual({ value });
    }
  });
});
