// Snapshot format, version 1 (little-endian):
//   "FWSE" · u32 version · u32 header length · header JSON · zero padding to 8 · sections
// The header lists each section's name, element type, byte offset and length. Numeric columns
// and postings are raw typed arrays (8-byte aligned); string lists are JSON. Restoring copies the
// arrays back and rebuilds only the small hash maps (ids, pinyin, typo deletions) — nothing is
// re-segmented, so a restart costs a fraction of a rebuild. Bump VERSION on any layout change;
// an unknown version is refused with a typed error, never misread.
import { DocTable, type DocColumns } from './docs.ts';
import type { PinyinIndex } from './pinyin.ts';
import type { Postings } from './postings.ts';
import type { Suggester } from './suggest.ts';
import type { TypoIndex } from './typo.ts';

export const SNAPSHOT_VERSION = 1;
const MAGIC = [0x46, 0x57, 0x53, 0x45];

type Kind = 'u8' | 'u16' | 'i32' | 'u32' | 'f32' | 'f64' | 'json';
type Typed = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
interface SectionInfo { name: string; kind: Kind; offset: number; bytes: number }
interface Header { version: number; count: number; sections: SectionInfo[] }

export interface SnapshotState { postings: Postings; docs: DocTable; pinyin: PinyinIndex; typos: TypoIndex; suggester: Suggester }
export type RestoreResult<E> = { ok: true; engine: E } | { ok: false; code: 'bad_snapshot' | 'snapshot_version'; message: string };

const kindOf = (a: Typed): Kind =>
  a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : a instanceof Int32Array ? 'i32' : a instanceof Uint32Array ? 'u32' : a instanceof Float32Array ? 'f32' : 'f64';

/** Call after the engine merged its delta (the snapshot holds the main segment only). */
export function writeSnapshot(s: SnapshotState): Uint8Array {
  const parts: Array<{ name: string; kind: Kind; bytes: Uint8Array }> = [];
  const raw = (name: string, a: Typed) => parts.push({ name, kind: kindOf(a), bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength) });
  const json = (name: string, v: unknown) => parts.push({ name, kind: 'json', bytes: new TextEncoder().encode(JSON.stringify(v)) });
  const { docs, postings } = s;
  for (const [name, col] of docs.columns()) raw(`col.${name}`, col);
  json('ids', docs.ids.slice(0, docs.count));
  json('titles', docs.titles.slice(0, docs.count));
  json('categories', docs.categories.values);
  json('stores', docs.stores.values);
  json('terms', postings.terms);
  const main = postings.main();
  raw('offsets', main.offsets);
  raw('docs', main.docs);
  raw('tfs', main.tfs);
  json('pinyin', [...s.pinyin.keysOf]);
  json('typos', s.typos.words);
  json('suggest', s.suggester.export());

  const sections: SectionInfo[] = [];
  let at = 0;
  for (const p of parts) {
    sections.push({ name: p.name, kind: p.kind, offset: at, bytes: p.bytes.byteLength });
    at = align8(at + p.bytes.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ version: SNAPSHOT_VERSION, count: docs.count, sections } satisfies Header));
  const base = align8(12 + header.byteLength);
  const out = new Uint8Array(base + at);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, SNAPSHOT_VERSION, true);
  view.setUint32(8, header.byteLength, true);
  out.set(header, 12);
  parts.forEach((p, i) => out.set(p.bytes, base + sections[i]!.offset));
  return out;
}

class Bad extends Error {}

export function readSnapshot(bytes: Uint8Array, s: SnapshotState): { ok: true } | { ok: false; code: 'bad_snapshot' | 'snapshot_version'; message: string } {
  try {
    if (!(bytes instanceof Uint8Array) || bytes.byteLength < 12 || MAGIC.some((m, i) => bytes[i] !== m)) throw new Bad('not a search snapshot');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(4, true);
    if (version !== SNAPSHOT_VERSION) return { ok: false, code: 'snapshot_version', message: `snapshot version ${version}, this engine reads ${SNAPSHOT_VERSION}` };
    const hlen = view.getUint32(8, true);
    if (12 + hlen > bytes.byteLength) throw new Bad('truncated header');
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + hlen))) as Header;
    const base = align8(12 + hlen);
    const byName = new Map(header.sections.map((x) => [x.name, x]));
    const section = (name: string): Uint8Array => {
      const x = byName.get(name);
      if (!x || base + x.offset + x.bytes > bytes.byteLength) throw new Bad(`missing or truncated section ${name}`);
      // Copy (a Buffer's slice() would share memory): the caller's buffer may be pooled or unaligned.
      const copy = new Uint8Array(x.bytes);
      copy.set(bytes.subarray(base + x.offset, base + x.offset + x.bytes));
      return copy;
    };
    const json = <T>(name: string): T => JSON.parse(new TextDecoder().decode(section(name))) as T;
    const typed = (name: string): Typed => {
      const b = section(name);
      const kind = byName.get(name)!.kind;
      switch (kind) {
        case 'u8': return b;
        case 'u16': return new Uint16Array(b.buffer, 0, b.byteLength / 2);
        case 'i32': return new Int32Array(b.buffer, 0, b.byteLength / 4);
        case 'u32': return new Uint32Array(b.buffer, 0, b.byteLength / 4);
        case 'f32': return new Float32Array(b.buffer, 0, b.byteLength / 4);
        case 'f64': return new Float64Array(b.buffer, 0, b.byteLength / 8);
        default: throw new Bad(`section ${name} is not numeric`);
      }
    };

    const count = header.count;
    const cols = DocTable.emptyColumns(Math.max(1024, count));
    for (const name of DocTable.columnNames()) {
      const a = typed(`col.${name}`);
      const expect = name === 'lengths' ? count * 3 : count;
      if (a.length !== expect || kindOf(a) !== kindOf(cols[name])) throw new Bad(`column ${name} has the wrong shape`);
      (cols[name] as Typed).set(a as never);
    }
    const ids = json<string[]>('ids');
    const titles = json<string[]>('titles');
    if (ids.length !== count || titles.length !== count) throw new Bad('ids or titles have the wrong length');
    const terms = json<string[]>('terms');
    const offsets = typed('offsets');
    const pdocs = typed('docs');
    const tfs = typed('tfs');
    if (!(offsets instanceof Int32Array) || !(pdocs instanceof Int32Array) || !(tfs instanceof Uint32Array)) throw new Bad('postings have the wrong type');
    if (offsets.length !== terms.length + 1 || offsets[terms.length] !== pdocs.length || tfs.length !== pdocs.length) throw new Bad('postings are inconsistent');
    for (let i = 0; i < terms.length; i++) if (offsets[i]! > offsets[i + 1]!) throw new Bad('postings offsets are not sorted');
    for (let i = 0; i < pdocs.length; i++) if (pdocs[i]! < 0 || pdocs[i]! >= count) throw new Bad('a posting points past the documents');

    s.docs.install(cols as DocColumns, ids, titles, count);
    for (const c of json<string[]>('categories')) s.docs.categories.intern(c);
    for (const c of json<string[]>('stores')) s.docs.stores.intern(c);
    s.postings.restoreTerms(terms);
    s.postings.setMain(offsets, pdocs, tfs);
    for (const [t, packed] of json<Array<[number, string]>>('pinyin')) s.pinyin.restore(t, packed);
    for (const w of json<string[]>('typos')) s.typos.add(w);
    s.suggester.import(json<Array<[string, number, number, number]>>('suggest'));
    return { ok: true };
  } catch (e) {
    return { ok: false, code: 'bad_snapshot', message: e instanceof Error ? e.message : 'unreadable snapshot' };
  }
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
