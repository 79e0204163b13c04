-- What a checkout needs of an address besides its sealed fields, kept when the address is saved,
-- so taking it for an order opens nothing: the masks merchants see (张*, 138****5678) and the
-- parcel's keyed fingerprint (platform/crypto.ts, parcelPrint). Rows saved before this migration
-- have none and are opened at checkout, as before.
ALTER TABLE addresses ADD COLUMN recipient_masked text;
ALTER TABLE addresses ADD COLUMN phone_masked text;
ALTER TABLE addresses ADD COLUMN ship_print text;
