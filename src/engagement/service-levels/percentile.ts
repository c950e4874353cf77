/**
 * The p-quantile (p from 0 to 1) of numbers sorted in ascending order, by linear interpolation between the two
 * nearest ranks (Hyndman and Fan's type 7: what spreadsheets' PERCENTILE.INC and numpy's default give, so a reader can
 * check a figure). The median of an even count is the mean of the middle two. Undefined for no numbers.
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0 || !(p >= 0 && p <= 1)) return undefined;
  const rank = (sorted.length - 1) * p;
  const lower = Math.floor(rank);
  const below = sorted[lower];
  if (below === undefined) return undefined;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)] ?? below;
  return below + (rank - lower) * (above - below);
}

/** The numbers in ascending order, as a new array (a typed array sorts numerically without a comparator call per pair). */
export function sortedNumbers(values: Iterable<number>): number[] {
  return Array.from(Float64Array.from(values).sort());
}
