import { describe, expect, it } from 'vitest';
import { splitStatements } from './migrate.ts';

describe('splitStatements', () => {
  it('splits at line-ending semicolons, ignoring comments and $$ bodies', () => {
    const sql = `CREATE TABLE a (x int); -- first
-- a comment; with a semicolon
CREATE FUNCTION f() RETURNS int AS $$
BEGIN
  RETURN 1;
END;
$$ LANGUAGE plpgsql;
INSERT INTO a VALUES (1);`;
    const parts = splitStatements(sql);
    expect(parts).toHaveLength(3);
    expect(parts[1]).toContain('RETURN 1;');
    expect(parts[2]).toBe('INSERT INTO a VALUES (1);');
  });
});
