-- The double-entry money ledger. Amounts are integer fen; positive = debit, negative = credit.
-- Every entry sums to zero per currency (checked by the service and again here at commit);
-- entries and lines are append-only: a correction is a new entry, never an edit.

CREATE TABLE ledger_accounts (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]*(:[a-z0-9_]+)*$' AND length(code) <= 200),
  kind text NOT NULL CHECK (kind IN ('asset', 'liability', 'revenue', 'expense', 'equity')),
  currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- lets each line name (account, currency), so a line can't be in another currency than its account
  UNIQUE (code, currency)
);

CREATE TABLE ledger_entries (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,63}$'),
  ref_type text NOT NULL CHECK (ref_type ~ '^[a-z][a-z0-9_.]{0,63}$'),
  ref_id text NOT NULL CHECK (length(ref_id) BETWEEN 1 AND 200),
  memo text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  -- one entry per business fact: posting the same (kind, ref) again is a no-op
  UNIQUE (kind, ref_type, ref_id)
);
CREATE INDEX ledger_entries_ref ON ledger_entries (ref_type, ref_id);

CREATE TABLE ledger_lines (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entry_id text NOT NULL REFERENCES ledger_entries (id),
  line_no integer NOT NULL CHECK (line_no >= 1),
  account_code text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen <> 0 AND amount_fen BETWEEN -10000000000000 AND 10000000000000),
  currency text NOT NULL,
  UNIQUE (entry_id, line_no),
  FOREIGN KEY (account_code, currency) REFERENCES ledger_accounts (code, currency)
);
CREATE INDEX ledger_lines_account ON ledger_lines (account_code, seq);

-- At commit: every entry touched in the transaction sums to zero in each currency.
CREATE FUNCTION ledger_lines_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  eid text;
  cur text;
  net numeric;
BEGIN
  IF TG_OP = 'DELETE' THEN
    eid := OLD.entry_id;
  ELSE
    eid := NEW.entry_id;
  END IF;
  SELECT l.currency, sum(l.amount_fen) INTO cur, net
    FROM ledger_lines l WHERE l.entry_id = eid
    GROUP BY l.currency HAVING sum(l.amount_fen) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger entry % does not balance: % net % fen', eid, cur, net
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_lines_balanced';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER ledger_lines_balanced
  AFTER INSERT OR UPDATE OR DELETE ON ledger_lines
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_lines_balanced();

-- At commit: every new entry has at least two lines (an entry with none would balance trivially).
CREATE FUNCTION ledger_entry_has_lines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM ledger_lines l WHERE l.entry_id = NEW.id) < 2 THEN
    RAISE EXCEPTION 'ledger entry % has fewer than two lines', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entry_has_lines';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER ledger_entry_has_lines
  AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_has_lines();

-- Append-only: posted entries and lines are never changed or removed.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON ledger_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
