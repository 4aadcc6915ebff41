import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import type { FakeGoto } from '../../emulator/fake-goto';

/**
 * The fake GoTo API on a real loopback HTTP port, for commands run as separate processes (msw's
 * interception works only inside the process that set it up).
 */
export async function serveOverHttp(
  create: (baseUrl: string) => FakeGoto,
): Promise<{ fake: FakeGoto; baseUrl: string; close(): Promise<void> }> {
  let fake: FakeGoto | undefined;
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', async () => {
      const body = Buffer.concat(chunks);
      const request = new Request(`http://${incoming.headers.host}${incoming.url}`, {
        method: incoming.method ?? 'GET',
        headers: incoming.headers as Record<string, string>,
        ...(body.length > 0 ? { body } : {}),
      });
      const response = fake && (await getResponse(fake.handlers, request));
      if (!response) {
        outgoing.writeHead(404).end();
        return;
      }
      if (response.type === 'error') {
        outgoing.destroy();
        return;
      }
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/admin/rest/v1`;
  fake = create(baseUrl);
  return {
    fake,
    baseUrl,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
