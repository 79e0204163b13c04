// A category's tile in the mall's grid: a drawn icon on a tinted square, like a shopping app's
// category row. Icons are inline SVG (no emoji font needed, so phones and the test browser draw
// the same); a category no icon fits shows its first character instead.
import type { ReactNode } from 'react';
import type { Category } from '../types';

type Kind = 'apparel' | 'beauty' | 'food' | 'home' | 'electronics' | 'baby' | 'sports' | 'rural';

// Matched against both names, so operators' own categories get an icon when a word fits.
const KINDS: Array<[Kind, RegExp]> = [
  ['rural', /山货|特产|农|rural|local/i],
  ['apparel', /服|衣|鞋|apparel|fashion|cloth/i],
  ['beauty', /美妆|护肤|彩妆|beauty|makeup|skin/i],
  ['food', /食|鲜|零食|水果|茶|food|snack|fruit/i],
  ['home', /家居|日用|家纺|厨|home|kitchen/i],
  ['electronics', /数码|家电|手机|electr|digital|phone/i],
  ['baby', /母婴|玩具|婴|baby|toy/i],
  ['sports', /运动|户外|sport|outdoor/i],
];

const TINTS: Record<Kind | 'other', [string, string]> = {
  apparel: ['#fff0f3', '#f0446b'],
  beauty: ['#fdf0fa', '#c7399f'],
  food: ['#fff5e8', '#f07a14'],
  home: ['#eef6ff', '#2f7ad8'],
  electronics: ['#eef1ff', '#4b5ee0'],
  baby: ['#fff9e3', '#d99a00'],
  sports: ['#ebf9f1', '#13a36b'],
  rural: ['#f1f8e8', '#5a9a1f'],
  other: ['#f4f4f6', '#6b6c74'],
};

const S = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.7, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const GLYPHS: Record<Kind, ReactNode> = {
  apparel: <path {...S} d="M8.5 3.5 4 6l1.8 4 2.2-.9V20h8V9.1l2.2.9L20 6l-4.5-2.5c-.6 1.4-1.9 2.2-3.5 2.2s-2.9-.8-3.5-2.2z" />,
  beauty: (
    <>
      <path {...S} d="M8.5 11.5h7V21h-7z" />
      <path {...S} d="M10 11.5V6.2L14 3v8.5" />
      <path {...S} d="M8.5 15h7" />
    </>
  ),
  food: (
    <>
      <path {...S} d="M3.5 11.5h17a8.5 8.5 0 0 1-17 0z" />
      <path {...S} d="M9.5 8c0-1.4 1.2-1.6 1.2-3.2M13.5 8c0-1.4 1.2-1.6 1.2-3.2" />
    </>
  ),
  home: (
    <>
      <path {...S} d="M3.5 11 12 4l8.5 7" />
      <path {...S} d="M5.5 9.5V20h13V9.5" />
      <path {...S} d="M10 20v-5.5h4V20" />
    </>
  ),
  electronics: (
    <>
      <rect {...S} x="6.5" y="2.5" width="11" height="19" rx="2.2" />
      <path {...S} d="M10.5 18.2h3" />
    </>
  ),
  baby: (
    <>
      <circle {...S} cx="12" cy="13.5" r="7" />
      <circle {...S} cx="6.3" cy="6.6" r="2.4" />
      <circle {...S} cx="17.7" cy="6.6" r="2.4" />
      <path {...S} d="M9.6 12.6h.01M14.4 12.6h.01M10.5 16c.9.7 2.1.7 3 0" />
    </>
  ),
  sports: (
    <>
      <circle {...S} cx="12" cy="12" r="8.8" />
      <path {...S} d="M3.4 12h17.2M12 3.2c2.6 2.3 3.8 5.3 3.8 8.8S14.6 18.5 12 20.8M12 3.2C9.4 5.5 8.2 8.5 8.2 12s1.2 6.5 3.8 8.8" />
    </>
  ),
  rural: (
    <>
      <path {...S} d="m2.5 20 6.5-10.5 4 6 2.8-3.8L21.5 20z" />
      <circle {...S} cx="17" cy="6" r="2.2" />
    </>
  ),
};

export function categoryKind(c: Pick<Category, 'nameZh' | 'nameEn'>): Kind | null {
  return KINDS.find(([, re]) => re.test(c.nameZh) || re.test(c.nameEn))?.[0] ?? null;
}

export function CategoryIcon({ category, size = 46 }: { category: Pick<Category, 'nameZh' | 'nameEn'>; size?: number }) {
  const kind = categoryKind(category);
  const [bg, fg] = TINTS[kind ?? 'other'];
  return (
    <span className="cat-icon" style={{ width: size, height: size, background: bg, color: fg }} aria-hidden="true">
      {kind ? (
        <svg viewBox="0 0 24 24" width={size * 0.56} height={size * 0.56}>
          {GLYPHS[kind]}
        </svg>
      ) : (
        <span className="cat-icon-char">{Array.from(category.nameZh)[0] ?? '·'}</span>
      )}
    </span>
  );
}
