/**
 * Addresses in flight at once. GoTo answers in a few hundred milliseconds; four at a time keep
 * the 8 requests per second the connection allows busy without piling calls up.
 */
export const CONCURRENCY = 4;

/**
 * Works through the items a few at a time, each result in its item's place. Once `stop` says
 * so, no further item is started; those not started stay undefined.
 */
export async function fewAtATime<T, R>(
  items: T[],
  work: (item: T) => Promise<R>,
  stop: () => boolean = () => false,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = items.map(() => undefined);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
