import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';

/**
 * The one msw server of a process: it intercepts Node's `http`, `https` and `fetch`, so restler's
 * requests reach the fake GoTo API without a network. An unhandled request is an error, so a call
 * the fake does not know shows instead of leaking out. Tests start and stop it once, in
 * test/setup.ts; tools start it on first use.
 */
const server = setupServer();
let listening = false;

/** Answers every later request with these handlers, replacing the previous ones. */
export function serveApi(handlers: readonly RequestHandler[]): void {
  if (!listening) {
    server.listen({ onUnhandledRequest: 'error' });
    listening = true;
  }
  server.resetHandlers(...handlers);
}

export function closeApi(): void {
  if (!listening) return;
  server.close();
  listening = false;
}
