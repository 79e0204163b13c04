// The index's snapshot on disk: the engine's bytes plus what the module needs to resume — the
// change-log position the snapshot covers and when it was taken. One file, replaced atomically
// (written beside it, then renamed), with a checksum, so a crash mid-write leaves the old one.
//
// Layout: "FWSI" · u32 FORMAT · u32 meta length · meta JSON · engine snapshot bytes.
// The meta names the engine's snapshot version too; any mismatch or damage reads as "no
// snapshot" with a reason, and the caller rebuilds from the owners' services.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SNAPSHOT_VERSION } from '../../engines/search/index.ts';

const MAGIC = 'FWSI';
/** Bump on any change to this file's layout or to what the meta means. */
export const FORMAT = 1;
const FILE = 'index.snap';

export interface SnapshotMeta {
  format: number;
  engineVersion: number;
  /** The last change-log seq applied to the index when it was taken. */
  cursor: number;
  /** Epoch ms: queries logged after this are not yet in the engine's popular-query counts. */
  takenAt: number;
  docs: number;
  sha256: string;
}

export type LoadResult = { ok: true; meta: SnapshotMeta; engine: Uint8Array } | { ok: false; reason: string };

export class SnapshotStore {
  constructor(readonly dir: string) {}

  get path(): string {
    return join(this.dir, FILE);
  }

  async save(engine: Uint8Array, meta: Omit<SnapshotMeta, 'format' | 'engineVersion' | 'sha256'>): Promise<void> {
    const full: SnapshotMeta = { format: FORMAT, engineVersion: SNAPSHOT_VERSION, ...meta, sha256: createHash('sha256').update(engine).digest('hex') };
    const head = Buffer.from(JSON.stringify(full));
    const pre = Buffer.alloc(12);
    pre.write(MAGIC, 0, 'ascii');
    pre.writeUInt32LE(FORMAT, 4);
    pre.writeUInt32LE(head.byteLength, 8);
    await mkdir(this.dir, { recursive: true });
    // Its own temporary name: api processes of a cluster share the directory and may save at
    // the same moment (each rename is atomic; the last one wins, and any of them is whole).
    const tmp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, [pre, head, engine]);
      await rename(tmp, this.path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async load(): Promise<LoadResult> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch {
      return { ok: false, reason: 'no snapshot' };
    }
    if (bytes.byteLength < 12 || bytes.toString('ascii', 0, 4) !== MAGIC) return { ok: false, reason: 'not a search snapshot' };
    const format = bytes.readUInt32LE(4);
    if (format !== FORMAT) return { ok: false, reason: `snapshot format ${format}, this module reads ${FORMAT}` };
    const len = bytes.readUInt32LE(8);
    if (12 + len > bytes.byteLength) return { ok: false, reason: 'truncated snapshot' };
    let meta: SnapshotMeta;
    try {
      meta = JSON.parse(bytes.toString('utf8', 12, 12 + len)) as SnapshotMeta;
    } catch {
      return { ok: false, reason: 'unreadable snapshot header' };
    }
    if (meta.engineVersion !== SNAPSHOT_VERSION) return { ok: false, reason: `engine snapshot version ${meta.engineVersion}, this engine reads ${SNAPSHOT_VERSION}` };
    if (!Number.isSafeInteger(meta.cursor) || meta.cursor < 0 || !Number.isFinite(meta.takenAt)) return { ok: false, reason: 'snapshot header has no valid position' };
    const engine = bytes.subarray(12 + len);
    if (createHash('sha256').update(engine).digest('hex') !== meta.sha256) return { ok: false, reason: 'snapshot checksum does not match' };
    return { ok: true, meta, engine };
  }
}
