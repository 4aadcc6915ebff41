import { createInterface } from 'node:readline/promises';
import { UsageError } from './usage';

/**
 * The typed confirmation in front of every command that writes to a real GoTo tenant. On a
 * terminal the administrator reads what will change and types a word to go ahead; `--yes` skips
 * the question for scripted use; without a terminal `--yes` is required, so that a job with no
 * one watching can never write by accident. Nothing is changed unless this returns.
 */

export interface Prompt {
  /** Whether a person can answer: standard input and output are a terminal. */
  interactive: boolean;
  /** Shows the question and resolves with the line typed. */
  ask(question: string): Promise<string>;
  /** Writes one block of text for the person to read. */
  show(text: string): void;
}

export const terminalPrompt: Prompt = {
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  async ask(question) {
    const reader = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await reader.question(question);
    } finally {
      reader.close();
    }
  },
  show: (text) => process.stdout.write(`${text}\n`),
};

export interface Confirmation {
  /** The command, for the one-line refusal: `try --real`, `reconcile --apply`. */
  command: string;
  /** What will change, one line each, shown before the question. */
  summary: string[];
  /** The word to type to go ahead. */
  word: string;
  /** `--yes` was given. */
  yes: boolean | undefined;
}

export class NotConfirmedError extends Error {}

export async function confirmChanges(
  confirmation: Confirmation,
  prompt: Prompt = terminalPrompt,
): Promise<void> {
  if (confirmation.yes) return;
  if (!prompt.interactive) {
    throw new UsageError(
      `${confirmation.command} changes GoTo and needs --yes when it is not run from a terminal; nothing was changed`,
    );
  }
  prompt.show(confirmation.summary.join('\n'));
  const answer = await prompt.ask(
    `Type "${confirmation.word}" to go ahead, anything else to stop: `,
  );
  if (answer.trim() !== confirmation.word) {
    throw new NotConfirmedError(
      `not confirmed ("${confirmation.word}" was not typed); nothing was changed`,
    );
  }
}
