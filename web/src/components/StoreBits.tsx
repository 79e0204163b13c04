import { useI18n } from '../i18n';
import type { Store } from '../types';

const COLORS = ['#fe2c55', '#ff7a00', '#25c4a0', '#3d7eff', '#a05cff', '#e0a100', '#00a6d6'];

function colorOf(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return COLORS[h % COLORS.length] ?? '#fe2c55';
}

/** The store's logo, or its first character on a colour picked from its id. */
export function StoreLogo({ store, size = 40 }: { store: Pick<Store, 'id' | 'name' | 'logoUrl'>; size?: number }) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.45) };
  if (store.logoUrl) return <img className="store-logo" src={store.logoUrl} alt="" style={style} />;
  const initial = Array.from(store.name.trim())[0] ?? '店';
  return (
    <span className="store-logo store-logo-initial" style={{ ...style, background: colorOf(store.id) }} aria-hidden="true">
      {initial}
    </span>
  );
}

export function StoreBadges({ store }: { store: Pick<Store, 'flagship' | 'rural'> }) {
  const { t } = useI18n();
  return (
    <>
      {store.flagship && <span className="badge badge-flagship">{t('store.flagship')}</span>}
      {store.rural && <span className="badge badge-rural">{t('store.rural')}</span>}
    </>
  );
}

export function compactCount(n: number, lang: 'zh' | 'en'): string {
  if (lang === 'zh' && n >= 10000) return `${(n / 10000).toFixed(n >= 100000 ? 0 : 1).replace(/\.0$/, '')}万`;
  if (lang === 'en' && n >= 1000) return `${(n / 1000).toFixed(n >= 10000 ? 0 : 1).replace(/\.0$/, '')}k`;
  return String(n);
}
