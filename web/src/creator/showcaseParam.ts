// A product opened from a creator's showcase (橱窗) carries ?from=showcase&creator=<creatorId>;
// the product page turns it into the checkout source { type: 'showcase', id }, which credits the
// creator. The id is checked for shape as the feed's ?video= is (feed/reason.ts).

/** The creator whose showcase the product page was opened from, when the address says so and the id looks like one. */
export function showcaseCreatorParam(search: URLSearchParams): string | null {
  if (search.get('from') !== 'showcase') return null;
  const id = search.get('creator');
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}
