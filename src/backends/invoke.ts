// Calls into C with an argument list held in a reused array: both backends' call() end here.

/** fn(a[0], ..., a[count - 1]) without a spread (V8 allocates for one); libolm's take at most 11. */
export function invokeWith<A, R>(fn: (...args: A[]) => R, a: readonly A[], count: number): R {
  switch (count) {
    case 0:
      return fn();
    case 1:
      return fn(a[0]!);
    case 2:
      return fn(a[0]!, a[1]!);
    case 3:
      return fn(a[0]!, a[1]!, a[2]!);
    case 4:
      return fn(a[0]!, a[1]!, a[2]!, a[3]!);
    case 5:
      return fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!);
    case 6:
      return fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
    case 7:
      return fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!);
    case 8:
      return fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!);
    case 9:
      return fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!);
    case 10:
      return fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!);
    case 11:
      return fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!, a[10]!);
    default:
      return fn(...a.slice(0, count));
  }
}
