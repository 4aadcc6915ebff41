import { delay, HttpResponse, http, type RequestHandler } from 'msw';

/**
 * A notification webhook, as a chat service's incoming webhook would take a script's POST: it
 * keeps every request that reaches it (body text, parsed JSON, content type, the URL with its
 * query) and answers 200, or as a fault says: an error status, a redirect, a network error, a
 * slow answer, or none at all. Served beside the fake GoTo API (`withWebhook`).
 */

export type WebhookAnswer =
  | {
      status: number;
      body?: string;
      contentType?: string;
      headers?: Record<string, string>;
    }
  | { networkError: true }
  /** The normal answer, this much later. */
  | { delayMs: number }
  /** Never answers: the request hangs until the caller gives up. */
  | { noAnswer: true };

export interface ReceivedNotification {
  url: string;
  contentType: string | null;
  /** The Accept header: what the sender asked the webhook to answer in. */
  accept?: string | null;
  /** The exact body text. */
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly handlers: readonly RequestHandler[];
  readonly received: ReceivedNotification[];
  /** Answers the next `times` requests (default every one) as given. */
  answerWith(answer: WebhookAnswer, times?: number): void;
}

export const DEFAULT_WEBHOOK_URL = 'https://hooks.example.test/services/T0001/B0001/demo-secret';

export function createWebhookReceiver(url = DEFAULT_WEBHOOK_URL): WebhookReceiver {
  const received: ReceivedNotification[] = [];
  const answers: { answer: WebhookAnswer; left: number }[] = [];
  // msw matches on the URL without its query; the query is kept in what was received.
  const match = url.split('?')[0] as string;
  const handler = http.post(match, async ({ request }) => {
    const text = await request.text();
    received.push({
      url: request.url,
      contentType: request.headers.get('content-type'),
      accept: request.headers.get('accept'),
      text,
      json: parsed(text),
    });
    const queued = answers[0];
    if (queued) {
      queued.left -= 1;
      if (queued.left <= 0) answers.shift();
      return answerOf(queued.answer);
    }
    return HttpResponse.json({ ok: true });
  });
  return {
    url,
    handlers: [handler],
    received,
    answerWith(answer, times = Infinity) {
      answers.push({ answer, left: times });
    },
  };
}

async function answerOf(answer: WebhookAnswer): Promise<Response> {
  if ('networkError' in answer) return HttpResponse.error();
  if ('noAnswer' in answer) {
    await new Promise<never>(() => {});
  }
  if ('delayMs' in answer) {
    await delay(answer.delayMs);
    return HttpResponse.json({ ok: true });
  }
  const { status, body, contentType, headers } = answer as Extract<
    WebhookAnswer,
    { status: number }
  >;
  const type = contentType ?? (body === undefined ? undefined : 'application/json');
  return new HttpResponse(body ?? null, {
    status,
    headers: { ...(type ? { 'content-type': type } : {}), ...headers },
  });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The fake GoTo API and a webhook answered side by side, as `runBuiltScript`'s `api`. */
export function withWebhook(
  api: { readonly handlers: readonly RequestHandler[] },
  receiver: WebhookReceiver,
): { readonly handlers: readonly RequestHandler[] } {
  return { handlers: [...receiver.handlers, ...api.handlers] };
}
