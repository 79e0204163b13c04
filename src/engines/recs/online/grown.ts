// Growing the engine's typed columns: per-item arrays and block pools grow by doubling (amortised
// O(1) per append), and the new tail starts at the column's neutral value (NONE, EMPTY, 1…).
type Column = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array;

/** `arr` if it already holds `n` entries; else a copy at least twice as long, the tail set to `fill`. */
export function grown<T extends Column>(arr: T, n: number, fill = 0): T {
  if (n <= arr.length) return arr;
  const next = new (arr.constructor as new (length: number) => T)(Math.max(n, arr.length * 2));
  next.set(arr);
  if (fill !== 0) next.fill(fill, arr.length);
  return next;
}
