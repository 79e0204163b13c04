// Names for ids the search API returns bare: facet values are category and store ids, and a
// product card carries only its store's id. Categories come as one tree; stores one by one, each
// fetched once per page load (a module-level cache) since the same few stores repeat across pages.
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Category, Store } from '../types';

let categoriesOnce: Promise<Map<string, Category>> | null = null;
const stores = new Map<string, Promise<Store | null>>();

function flatten(tree: Category[], into: Map<string, Category>): Map<string, Category> {
  for (const c of tree) {
    into.set(c.id, c);
    flatten(c.children, into);
  }
  return into;
}

export function useCategories(): Map<string, Category> {
  const [map, setMap] = useState<Map<string, Category>>(new Map());
  useEffect(() => {
    let live = true;
    categoriesOnce ??= api.categories().then((tree) => flatten(tree, new Map()), () => {
      categoriesOnce = null; // a failed load may succeed on the next page
      return new Map<string, Category>();
    });
    void categoriesOnce.then((m) => live && setMap(m));
    return () => {
      live = false;
    };
  }, []);
  return map;
}

function storeOnce(id: string): Promise<Store | null> {
  let p = stores.get(id);
  if (!p) {
    // A store that cannot be read (closed since it was indexed) just goes without a name.
    p = api.store(id).then((s): Store | null => s, () => null);
    stores.set(id, p);
  }
  return p;
}

/** The stores of these ids as they arrive (missing ones absent). */
export function useStores(ids: readonly string[]): Map<string, Store> {
  const [map, setMap] = useState<Map<string, Store>>(new Map());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    void Promise.all(wanted.map(storeOnce)).then((list) => {
      if (!live) return;
      const m = new Map<string, Store>();
      for (const s of list) if (s) m.set(s.id, s);
      setMap(m);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return map;
}
