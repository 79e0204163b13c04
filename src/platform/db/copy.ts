// COPY text format: the fastest way to load many rows into PostgreSQL (and PGlite). Used for
// bulk imports (demo world, catalogue imports), several times faster than INSERT … unnest.

export type CopyValue = string | number | boolean | null | readonly string[] | object;

const SPECIAL = /[\\\t\n\r]/;
const escapeText = (s: string) => (SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s);

/** A PostgreSQL array literal of text elements, each quoted. */
const QUOTED = /["\\]/;
const arrayLiteral = (xs: readonly string[]) => `{${xs.map((x) => `"${QUOTED.test(x) ? x.replace(/["\\]/g, (c) => `\\${c}`) : x}"`).join(',')}}`;

/**
 * Arrays are text[] columns; other objects are json/jsonb. A jsonb column holding an array takes
 * its JSON as a string (JSON.stringify), since an array alone would read as text[].
 */
export function encodeCopyValue(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return escapeText(arrayLiteral(v.map(String)));
  return escapeText(JSON.stringify(v));
}

export function encodeCopyRows(rows: readonly (readonly CopyValue[])[]): string {
  let out = '';
  for (const row of rows) out += row.map(encodeCopyValue).join('\t') + '\n';
  return out;
}
