import { isRecord } from '../common/values';
import { type Callback, failed, isSuccess, jsonBody } from './client';
import { badResponse, failureOf, gotoError } from './failures';
import type { Transport } from './transport';

/**
 * GoTo's list envelope `{results, fromIndex, toIndex, total}`, read page by page: the offset
 * moves by the number of results actually returned (GoTo may answer fewer than the page size
 * asked for, and whether `toIndex` is inclusive is unsettled); reading stops on an empty page or
 * once `total` is reached, and fails past `maxPages`. A 404 `user.not.found` on a list reads as
 * an empty list, as one client does.
 */

export const PAGE_SIZE = 100;

export interface PagedRead<T> {
  transport: Transport;
  /** The path of the page starting at `offset`, query included. */
  pathAt(offset: number): string;
  /** What the reading is doing, for failure messages. */
  doing: string;
  /** What a page should have been, for a failure message when it is not. */
  expected: string;
  maxPages: number;
  /** What to keep of one page's results, or undefined when they are not what the API documents. */
  keep(results: unknown[]): T[] | undefined;
}

export function readPages<T>(read: PagedRead<T>, callback: Callback<T[]>): void {
  const kept: T[] = [];
  const readPage = (offset: number, page: number) => {
    read.transport.send({ method: 'GET', path: read.pathAt(offset) }, (answer) => {
      if (
        answer.kind === 'response' &&
        answer.status === 404 &&
        gotoError(answer).code === 'user.not.found'
      ) {
        return callback({ ok: true, value: kept });
      }
      if (!isSuccess(answer)) return callback(failed(failureOf(answer, read.doing)));
      const body = jsonBody(answer);
      const results = isRecord(body) && Array.isArray(body.results) ? body.results : undefined;
      const keep = results && read.keep(results as unknown[]);
      if (!isRecord(body) || !results || !keep) {
        return callback(failed(badResponse(answer, read.doing, read.expected)));
      }
      for (const item of keep) kept.push(item);
      const next = offset + results.length;
      const total = typeof body.total === 'number' ? body.total : next;
      if (results.length === 0 || next >= total) return callback({ ok: true, value: kept });
      if (page + 1 >= read.maxPages) {
        return callback(
          failed(
            badResponse(
              answer,
              read.doing,
              `finished after ${read.maxPages} pages (it reports ${total} in all)`,
            ),
          ),
        );
      }
      readPage(next, page + 1);
    });
  };
  readPage(0, 0);
}
