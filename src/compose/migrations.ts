import type { MigrationSet } from '../platform/db/migrate.ts';

/** Every module's migrations, in dependency order. */
export const MIGRATIONS: MigrationSet[] = [
  { owner: 'platform', dir: new URL('../platform/migrations/', import.meta.url) },
  { owner: 'identity', dir: new URL('../modules/identity/migrations/', import.meta.url) },
  { owner: 'media', dir: new URL('../modules/media/migrations/', import.meta.url) },
  { owner: 'catalog', dir: new URL('../modules/catalog/migrations/', import.meta.url) },
  { owner: 'payments', dir: new URL('../modules/payments/migrations/', import.meta.url) },
  { owner: 'sandbox_psp', dir: new URL('../modules/payments/sandbox/migrations/', import.meta.url) },
  { owner: 'ledger', dir: new URL('../modules/ledger/migrations/', import.meta.url) },
  { owner: 'commerce', dir: new URL('../modules/commerce/migrations/', import.meta.url) },
  { owner: 'logistics', dir: new URL('../modules/logistics/migrations/', import.meta.url) },
  { owner: 'sandbox_carrier', dir: new URL('../modules/logistics/sandbox/migrations/', import.meta.url) },
  { owner: 'content', dir: new URL('../modules/content/migrations/', import.meta.url) },
  { owner: 'live', dir: new URL('../modules/live/migrations/', import.meta.url) },
  { owner: 'feed', dir: new URL('../modules/feed/migrations/', import.meta.url) },
  { owner: 'search', dir: new URL('../modules/search/migrations/', import.meta.url) },
  { owner: 'alliance', dir: new URL('../modules/alliance/migrations/', import.meta.url) },
  { owner: 'reviews', dir: new URL('../modules/reviews/migrations/', import.meta.url) },
  { owner: 'care', dir: new URL('../modules/care/migrations/', import.meta.url) },
  { owner: 'experience', dir: new URL('../modules/experience/migrations/', import.meta.url) },
  { owner: 'governance', dir: new URL('../modules/governance/migrations/', import.meta.url) },
  { owner: 'insights', dir: new URL('../modules/insights/migrations/', import.meta.url) },
  { owner: 'campaigns', dir: new URL('../modules/campaigns/migrations/', import.meta.url) },
];
