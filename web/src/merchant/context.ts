import { useOutletContext } from 'react-router';
import type { Category, MyStore } from '../types';

export interface MerchantCtx {
  stores: MyStore[];
  current: MyStore | null;
  selectStore: (id: string) => void;
  reloadStores: () => void;
  categories: Category[];
}

export function useMerchant(): MerchantCtx {
  return useOutletContext<MerchantCtx>();
}

export interface LeafCategory {
  id: string;
  zh: string;
  en: string;
}

export interface CategoryGroup {
  zh: string;
  en: string;
  leaves: LeafCategory[];
}

/** Leaf categories grouped under their top-level parent (a childless top level is its own group). */
export function categoryGroups(tree: Category[]): CategoryGroup[] {
  const bySort = (a: Category, b: Category) => a.sort - b.sort;
  const out: CategoryGroup[] = [];
  const leavesOf = (n: Category): LeafCategory[] =>
    n.children.length === 0 ? [{ id: n.id, zh: n.nameZh, en: n.nameEn }] : [...n.children].sort(bySort).flatMap(leavesOf);
  for (const root of [...tree].sort(bySort)) out.push({ zh: root.nameZh, en: root.nameEn, leaves: leavesOf(root) });
  return out;
}

const STORE_KEY = 'flywheel.merchant.store';

export function savedStoreId(): string | null {
  try {
    return localStorage.getItem(STORE_KEY);
  } catch {
    return null;
  }
}

export function saveStoreId(id: string): void {
  try {
    localStorage.setItem(STORE_KEY, id);
  } catch {
    // ignore
  }
}
