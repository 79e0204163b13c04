// The creator page's showcase (GET /api/v1/creators/:id/showcase): the goods a creator carries,
// as shoppers see them. The creator and their videos reuse typesVideo.ts's Creator and VideoPage.
// Checked against the server's schema by test/contract.ts.
import type { ProductCard } from './typesVideo.js';

export interface CreatorShowcasePage {
  items: ProductCard[];
  total: number;
  limit: number;
  offset: number;
}
