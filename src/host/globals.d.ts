import type { HostContext } from './context';
import type { Rest } from './rest';

/** The three globals the MyWorkspace workflow engine gives a script (host-contract.md §1). */
declare global {
  const context: HostContext;
  const rest: Rest;
  function done(context: HostContext): void;
}
