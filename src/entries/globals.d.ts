import type { Host } from '../workflows/run';

/**
 * The three globals the MyWorkspace workflow engine gives a script, typed by the one `Host`
 * interface the workflows receive them as. Only the entry files read them (a lint rule keeps it
 * so); everything below gets them passed in.
 */
declare global {
  const context: Host['context'];
  const rest: Host['rest'];
  const done: Host['done'];
}
