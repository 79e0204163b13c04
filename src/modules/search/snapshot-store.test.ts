import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SnapshotStore } from './snapshot-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'fw-snap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('search snapshot file', () => {
  it('saves from several writers at the same moment (api processes sharing the directory): all succeed, one whole snapshot is left, no temporary files', async () => {
    const writers = Array.from({ length: 6 }, () => new SnapshotStore(dir));
    const bodies = writers.map((_, i) => new Uint8Array(64 * 1024).fill(i + 1));
    await Promise.all(writers.map((w, i) => w.save(bodies[i]!, { cursor: i, takenAt: 1_000 + i, docs: i })));
    const loaded = await new SnapshotStore(dir).load();
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const i = loaded.meta.cursor;
    expect(Buffer.from(loaded.engine).equals(Buffer.from(bodies[i]!))).toBe(true);
    expect(readdirSync(dir)).toEqual(['index.snap']);
  });

  it('reads a damaged file as no snapshot, with the reason', async () => {
    const s = new SnapshotStore(dir);
    await s.save(new Uint8Array([1, 2, 3]), { cursor: 1, takenAt: 1, docs: 1 });
    const { writeFile, readFile } = await import('node:fs/promises');
    const bytes = await readFile(s.path);
    bytes.writeUInt8(bytes.readUInt8(bytes.byteLength - 1) ^ 0xff, bytes.byteLength - 1);
    await writeFile(s.path, bytes);
    expect(await s.load()).toEqual({ ok: false, reason: 'snapshot checksum does not match' });
  });
});
