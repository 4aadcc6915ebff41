import { HttpResponse, http } from 'msw';

/**
 * Another host on the loopback range, as a redirect could name it: it records every request that
 * reaches it, and the token if one came along, and answers as an empty GoTo account would, so
 * that a script that followed the redirect would act on its answer.
 */

export const FOREIGN_ORIGIN = 'http://127.0.0.2:8443';
export const FOREIGN_HOST = '127.0.0.2:8443';

export interface ForeignRequest {
  method: string;
  url: string;
  authorization: string | null;
}

export function foreignHost() {
  const requests: ForeignRequest[] = [];
  const handlers = [
    http.all(`${FOREIGN_ORIGIN}/*`, ({ request }) => {
      requests.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.get('authorization'),
      });
      return HttpResponse.json({ results: [], fromIndex: 0, toIndex: 0, total: 0 });
    }),
  ];
  return { handlers, requests };
}

/** A fault answering with a redirect to the foreign host (or `location` as given). */
export function redirectTo(status: number, location = `${FOREIGN_ORIGIN}/admin/rest/v1/users`) {
  return { status, headers: { location } };
}
