import type { Host } from '../workflows/run';

/**
 * The three globals the MyWorkspace workflow engine gives a script, typed by the one `Host`
 * interface the workflows receive them as, and the script's own options block. Only the entry
 * files read them (a lint rule keeps it so); everything below gets them passed in.
 */
declare global {
  const context: Host['context'];
  const rest: Host['rest'];
  const done: Host['done'];
  /**
   * The options block at the top of a built script (scripts/build/options-block.ts): whatever
   * an administrator left there, checked by the script before anything else.
   */
  const GOTO_OPTIONS: unknown;
}
