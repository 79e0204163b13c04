// Images: uploads are checked by content (sharp decodes them), never by name or declared type;
// stored re-encoded (metadata such as GPS stripped) with resized variants under DATA_DIR.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Db, Queryable } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';

export interface ImageInfo {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif']);
const MAX_PIXELS = 40_000_000;

/** URLs are derived from the id alone, so other modules can show images without a lookup. */
export const imageUrl = (id: string, variant: 'orig' | 'w240' | 'w720' = 'w720') => `/media/images/${id}/${variant}`;

export class MediaService {
  readonly imagesDir: string;

  constructor(
    private readonly db: Db,
    dataDir: string,
    private readonly thumbnailWidths: number[],
  ) {
    this.imagesDir = join(dataDir, 'media', 'images');
  }

  async uploadImage(data: Buffer, ownerId: string): Promise<ImageInfo> {
    let meta: sharp.Metadata;
    try {
      meta = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
    } catch {
      throw new AppError('unsupported_media_type', 'The file is not an image we can read (JPEG, PNG, WebP, GIF, AVIF)', 'file');
    }
    if (!meta.format || !ACCEPTED.has(meta.format) || !meta.width || !meta.height) {
      throw new AppError('unsupported_media_type', `Images must be JPEG, PNG, WebP, GIF or AVIF (got ${meta.format ?? 'unknown'})`, 'file');
    }
    if (meta.width < 16 || meta.height < 16) throw invalid('file', 'The image is smaller than 16×16 pixels');
    const id = newId('img');
    const dir = join(this.imagesDir, id);
    await mkdir(dir, { recursive: true });
    const base = sharp(data, { limitInputPixels: MAX_PIXELS }).rotate();
    const orig = await base.clone().resize({ width: 2000, height: 2000, fit: 'inside', withoutEnlargement: true }).webp({ quality: 85 }).toBuffer({ resolveWithObject: true });
    await writeFile(join(dir, 'orig.webp'), orig.data);
    const variants = ['orig'];
    for (const w of this.thumbnailWidths) {
      const buf = await base.clone().resize({ width: w, height: w, fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
      await writeFile(join(dir, `w${w}.webp`), buf);
      variants.push(`w${w}`);
    }
    await this.db.query(`INSERT INTO images (id, owner_id, mime, width, height, bytes, variants, ext) VALUES ($1, $2, 'image/webp', $3, $4, $5, $6, 'webp')`, [
      id,
      ownerId,
      orig.info.width,
      orig.info.height,
      orig.data.length,
      variants,
    ]);
    return { id, url: imageUrl(id, 'orig'), thumbUrl: imageUrl(id, 'w240'), width: orig.info.width, height: orig.info.height };
  }

  /** Stores generated vector artwork (the demo world); SVG is accepted only from here, never uploaded. */
  async saveGeneratedSvg(q: Queryable, rows: Array<{ id: string; svg: string; width: number; height: number }>): Promise<void> {
    for (const r of rows) {
      const dir = join(this.imagesDir, r.id);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'orig.svg'), r.svg);
    }
    if (rows.length === 0) return;
    await q.query(
      `INSERT INTO images (id, owner_id, mime, width, height, bytes, variants, ext)
       SELECT id, NULL, 'image/svg+xml', w, h, b, ARRAY['orig'], 'svg' FROM unnest($1::text[], $2::int[], $3::int[], $4::int[]) AS t(id, w, h, b)
       ON CONFLICT (id) DO NOTHING`,
      [rows.map((r) => r.id), rows.map((r) => r.width), rows.map((r) => r.height), rows.map((r) => Buffer.byteLength(r.svg))],
    );
  }

  /** Where a variant's file is; SVGs have one file that serves every size. */
  async locate(id: string, variant: string): Promise<{ path: string; mime: string } | null> {
    const [row] = await this.db.query<{ mime: string; variants: string[]; ext: string }>('SELECT mime, variants, ext FROM images WHERE id = $1', [id]);
    if (!row) return null;
    const v = row.ext === 'svg' ? 'orig' : row.variants.includes(variant) ? variant : 'orig';
    return { path: join(this.imagesDir, id, `${v}.${row.ext}`), mime: row.mime };
  }

  /** Checks that images exist and that the user may attach them (own uploads or already attached). */
  async assertUsable(ids: string[], userId: string, alreadyAttached: string[] = []): Promise<void> {
    const need = ids.filter((id) => !alreadyAttached.includes(id));
    if (need.length === 0) return;
    const rows = await this.db.query<{ id: string; owner_id: string | null }>('SELECT id, owner_id FROM images WHERE id = ANY($1::text[])', [need]);
    const found = new Map(rows.map((r) => [r.id, r.owner_id]));
    need.forEach((id, i) => {
      if (!found.has(id)) throw notFound('Image', `imageIds.${i}`);
      if (found.get(id) !== userId) throw new AppError('forbidden', 'You may only attach images you uploaded', `imageIds.${i}`);
    });
  }
}
