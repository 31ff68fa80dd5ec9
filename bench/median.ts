// The statistic every benchmark reports: the median of repeated timings (the upper one of
// the middle two for an even count), NaN when there is none.
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
