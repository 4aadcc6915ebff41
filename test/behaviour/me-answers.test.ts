import { describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, STANDARD, TOKEN } from '../../emulator/contexts';
import { callLines, runInEveryEngine } from '../support/both-engines';

/**
 * What a run takes from GoTo's answer to `GET /me` on a connection without `account_key`: only an
 * account key of digits, read exactly, ever reaches a path; `null` for an optional field is
 * absent, not a failure.
 */

const TOKEN_ONLY = JSON.stringify({ access_token: TOKEN, token_type: 'Bearer' });
const meAnswers = (body: string) => ({
  method: 'GET',
  path: '/me',
  respond: { status: 200, body },
});
const account = (key: string) => `{"key":${key},"name":"Main","adminRoles":["SUPER_USER"]}`;

describe('GET /me answers', () => {
  it.each([
    ['letters after digits', '"12abc"'],
    ['a path', '"../1"'],
    ['a number that lost digits', '1e21'],
  ])(
    'a root accountKey of %s is refused: bad-response, and nothing else is sent',
    async (_, key) => {
      const { result } = await runInEveryEngine({
        script: 'provisioning',
        context: { oauth: TOKEN_ONLY },
        faults: [
          meAnswers(`{"key":"8","accountKey":${key},"accounts":[${account(`"${ACCOUNT_KEY}"`)}]}`),
        ],
      });
      expect(result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
      expect(result.message).toContain('was not an exact accountKey');
      expect(result).not.toHaveProperty('accountKey');
      expect(callLines(result)).toEqual(['GET /me 200']);
    },
  );

  it.each([
    ['a key that is not digits', account('"1x"')],
    ['nothing at all', 'null'],
  ])('an account listed with %s is refused', async (_, listed) => {
    const { result } = await runInEveryEngine({
      script: 'deprovisioning',
      context: { oauth: TOKEN_ONLY },
      faults: [meAnswers(`{"accountKey":"${ACCOUNT_KEY}","accounts":[${listed}]}`)],
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(result.message).toContain('was not a list of accounts with exact keys');
    expect(callLines(result)).toEqual(['GET /me 200']);
  });

  it('null in the optional fields is no failure: the run goes on in the account named', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      context: { oauth: TOKEN_ONLY },
      faults: [
        meAnswers(
          `{"key":null,"email":null,"adminRoles":null,"accountKey":"${ACCOUNT_KEY}","accounts":[{"key":"${ACCOUNT_KEY}","name":null,"adminRoles":null}]}`,
        ),
      ],
    });
    expect(result).toMatchObject({ outcome: 'created', accountKey: ACCOUNT_KEY });
    expect(callLines(result)).toEqual([
      'GET /me 200',
      `GET /accounts/${ACCOUNT_KEY}/users 200`,
      `POST /accounts/${ACCOUNT_KEY}/users 201`,
    ]);
  });

  it('a null root accountKey names none: bad-response pointing to the accountKey option', async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      context: { oauth: TOKEN_ONLY, licenses: [STANDARD] },
      faults: [meAnswers(`{"accountKey":null,"accounts":[${account(`"${ACCOUNT_KEY}"`)}]}`)],
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(result.message).toMatch(
      /^GoTo's answer \(200\) while asking GoTo which account the connection belongs to \(GET \/me\) was not an answer with an exact accountKey: ".*"\. Set the accountKey build option to your GoTo account key and use that build\.$/,
    );
    expect(callLines(result)).toEqual(['GET /me 200']);
  });

  it(`a body that is not an object is refused for what it is`, async () => {
    const { result } = await runInEveryEngine({
      script: 'provisioning',
      context: { oauth: TOKEN_ONLY },
      faults: [meAnswers('[]')],
    });
    expect(result).toMatchObject({ outcome: 'failed', error: 'bad-response' });
    expect(result.message).toContain('was not a JSON object');
  });
});
