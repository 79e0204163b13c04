-- The platform may pay a buyer at once and recover the amount from the store at fault later.
ALTER TABLE after_sales_compensations ADD COLUMN recovered_at timestamptz, ADD COLUMN recovered_by text;
