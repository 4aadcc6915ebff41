/**
 * What every command of the administrator's command line shares. A usage mistake is one line
 * saying what is wrong and what is allowed, never a stack trace, and exits 2, so a wrapper script
 * can tell "you called it wrong" (2) from "it ran and something failed" (1).
 */
export const EXIT_OK = 0;
/** A failed workflow outcome, or a failed check. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

let invokedAs = 'npm run cli --';

/** How the administrator runs the program, for messages that say what to type next. */
export function programName(): string {
  return invokedAs;
}

export function setProgramName(name: string): void {
  invokedAs = name;
}
