/** Small order statistics for the timings; nearest-rank, so every figure is a measured value. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** One decimal place, for ms and µs figures. */
export function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

/** 12,345 style, for counts and bytes. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}
