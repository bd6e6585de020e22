/**
 * The k-th smallest of vals[0..n) by Hoare quickselect, in place (small
 * samples by insertion sort). Used to pick near-median split values in the
 * d ≥ 4 divide-and-conquer algorithms. O(n) expected; n ≥ 1.
 */
export function selectKth(vals: Float64Array, n: number, k: number): number {
  if (n <= 64) {
    for (let i = 1; i < n; i++) {
      const v = vals[i];
      let j = i - 1;
      while (j >= 0 && vals[j] > v) {
        vals[j + 1] = vals[j];
        j--;
      }
      vals[j + 1] = v;
    }
    return vals[k];
  }
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = vals[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (vals[i] < pivot) i++;
      while (vals[j] > pivot) j--;
      if (i <= j) {
        const w = vals[i];
        vals[i] = vals[j];
        vals[j] = w;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return vals[k];
}
