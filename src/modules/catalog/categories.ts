import type { Static } from '@sinclair/typebox';
import type { Db } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { CategorySchema } from './schemas.ts';

export type Category = Static<typeof CategorySchema>;

export class CategoryService {
  private cache: Category[] | null = null;

  constructor(private readonly db: Db) {}

  /** The whole tree; small and read on every mall page, so it is cached until it changes. */
  async tree(): Promise<Category[]> {
    if (this.cache) return this.cache;
    const rows = await this.db.query<{ id: string; parent_id: string | null; name_zh: string; name_en: string; sort: number }>('SELECT * FROM categories ORDER BY sort, id');
    const nodes = new Map<string, Category>(rows.map((r) => [r.id, { id: r.id, parentId: r.parent_id, nameZh: r.name_zh, nameEn: r.name_en, sort: r.sort, children: [] }]));
    const roots: Category[] = [];
    for (const n of nodes.values()) (n.parentId ? nodes.get(n.parentId)?.children : roots)?.push(n);
    this.cache = roots;
    return roots;
  }

  async create(input: { parentId?: string; nameZh: string; nameEn: string; sort?: number }): Promise<Category> {
    if (input.parentId) {
      const [parent] = await this.db.query<{ parent_id: string | null }>('SELECT parent_id FROM categories WHERE id = $1', [input.parentId]);
      if (!parent) throw invalid('parentId', 'No such category');
      if (parent.parent_id) throw invalid('parentId', 'Categories are two levels deep');
    }
    const id = newId('cat');
    await this.db.query('INSERT INTO categories (id, parent_id, name_zh, name_en, sort) VALUES ($1, $2, $3, $4, $5)', [id, input.parentId ?? null, input.nameZh, input.nameEn, input.sort ?? 0]);
    this.cache = null;
    return { id, parentId: input.parentId ?? null, nameZh: input.nameZh, nameEn: input.nameEn, sort: input.sort ?? 0, children: [] };
  }

  invalidate(): void {
    this.cache = null;
  }
}
