// The mall home's category entry: root categories as icon tiles, four to a row, each opening its
// category page.
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { Category } from '../types';
import { CategoryIcon } from './CategoryIcon';
import { catName } from './bits';

export function CategoryGrid({ tree }: { tree: Category[] }) {
  const { t, lang } = useI18n();
  if (tree.length === 0) return null;
  return (
    <nav className="cat-grid" aria-label={t('mall.categories')} data-testid="category-grid">
      {tree.map((c) => (
        <Link key={c.id} to={`/categories/${c.id}`} className="cat-tile" data-testid={`cat-tile-${c.id}`}>
          <CategoryIcon category={c} />
          <span className="cat-tile-name">{catName(c, lang)}</span>
        </Link>
      ))}
    </nav>
  );
}
