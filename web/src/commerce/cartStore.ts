// The shopper's cart, shared by every page that shows it (count badges, the cart page), and a
// cache of store names for grouping cart lines and orders by store.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../api';
import type { Cart } from '../types';

let current: Cart | null = null;
const listeners = new Set<() => void>();

export function setCart(next: Cart | null): void {
  current = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Fetches the cart; a signed-out visitor (or any failure) has none. */
export async function refreshCart(): Promise<Cart | null> {
  try {
    const cart = await api.cart();
    setCart(cart);
    return cart;
  } catch {
    setCart(null);
    return null;
  }
}

/** The cart as last fetched; loads it once when a signed-in page first asks. */
export function useCart(signedIn: boolean): Cart | null {
  const cart = useSyncExternalStore(subscribe, () => current);
  useEffect(() => {
    if (signedIn) void refreshCart();
    else setCart(null);
  }, [signedIn]);
  return cart;
}

const storeNames = new Map<string, Promise<string>>();

function storeName(id: string): Promise<string> {
  let p = storeNames.get(id);
  if (!p) {
    p = api.store(id).then(
      (s) => s.name,
      () => {
        storeNames.delete(id);
        return '';
      },
    );
    storeNames.set(id, p);
  }
  return p;
}

/** A store's name ('' until known). */
export function useStoreName(id: string): string {
  const [name, setName] = useState('');
  useEffect(() => {
    let live = true;
    void storeName(id).then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [id]);
  return name;
}
