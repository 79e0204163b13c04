// The hits of the chosen tab laid out the way each kind reads best: goods and videos in two
// columns, stores and creators as rows.
import type { Store } from '../types';
import type { SearchItem, SearchType } from '../typesSearch';
import { CreatorRow, GoodsCard, StoreRow, VideoTile } from './ResultItems';

export function ResultList({ type, items, stores }: { type: SearchType; items: SearchItem[]; stores: Map<string, Store> }) {
  switch (type) {
    case 'product':
      return (
        <div className="product-grid sgrid" data-testid="search-results">
          {items.map((i, n) => <GoodsCard key={i.id} item={i} store={i.product ? stores.get(i.product.storeId) : undefined} position={n} />)}
        </div>
      );
    case 'video':
      return (
        <div className="svideos" data-testid="search-results">
          {items.map((i) => <VideoTile key={i.id} item={i} />)}
        </div>
      );
    case 'store':
      return (
        <div className="srows" data-testid="search-results">
          {items.map((i) => <StoreRow key={i.id} item={i} />)}
        </div>
      );
    case 'creator':
      return (
        <div className="srows" data-testid="search-results">
          {items.map((i) => <CreatorRow key={i.id} item={i} />)}
        </div>
      );
  }
}
