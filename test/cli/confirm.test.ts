import { describe, expect, it } from 'vitest';
import { confirmChanges, NotConfirmedError, type Prompt } from '../../cli/shared/confirm';
import { UsageError } from '../../cli/shared/usage';

/** The typed confirmation before a write to a real tenant. */

function prompt(interactive: boolean, answer: string) {
  const shown: string[] = [];
  const asked: string[] = [];
  const made: Prompt = {
    interactive,
    ask: async (question) => {
      asked.push(question);
      return answer;
    },
    show: (text) => shown.push(text),
  };
  return { made, shown, asked };
}

const confirmation = {
  command: 'try --real',
  summary: [
    'GoTo account 1000000000000000001 at https://api.getgo.com/admin/rest/v1',
    'mode: DELETE the GoTo user',
  ],
  word: 'delete',
};

describe('confirmChanges', () => {
  it('goes ahead without asking when --yes was given, terminal or not', async () => {
    for (const interactive of [true, false]) {
      const p = prompt(interactive, '');
      await expect(confirmChanges({ ...confirmation, yes: true }, p.made)).resolves.toBeUndefined();
      expect(p.asked).toEqual([]);
    }
  });

  it('refuses as a usage mistake, naming --yes, when no person can answer', async () => {
    const p = prompt(false, 'delete');
    const refused = confirmChanges({ ...confirmation, yes: undefined }, p.made);
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(
      'try --real changes GoTo and needs --yes when it is not run from a terminal; nothing was changed',
    );
    expect(p.asked).toEqual([]);
  });

  it('shows the summary, then goes ahead when the word is typed', async () => {
    const p = prompt(true, ' delete \n');
    await confirmChanges({ ...confirmation, yes: undefined }, p.made);
    expect(p.shown).toEqual([confirmation.summary.join('\n')]);
    expect(p.asked).toEqual(['Type "delete" to go ahead, anything else to stop: ']);
  });

  it('stops, saying nothing was changed, on any other answer', async () => {
    for (const answer of ['', 'y', 'yes', 'Delete']) {
      const p = prompt(true, answer);
      const stopped = confirmChanges({ ...confirmation, yes: false }, p.made);
      await expect(stopped).rejects.toBeInstanceOf(NotConfirmedError);
      await expect(stopped).rejects.toThrow('nothing was changed');
    }
  });
});
