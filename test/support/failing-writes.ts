import { sql } from 'kysely';
import type { Db } from '../../src/store/database.js';

type Operation = 'INSERT' | 'UPDATE' | 'DELETE';

let made = 0;

/**
 * Makes the database itself refuse every `operation` on `table` (a trigger that raises), as a crash or a
 * lost connection between two statements would: no code of ours is replaced. Returns the undo.
 */
export async function failWrites(db: Db, postgres: boolean, table: string, operation: Operation): Promise<() => Promise<void>> {
  const name = `pb_test_fail_${++made}`;
  if (postgres) {
    await sql
      .raw(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'provoked failure'; END $$`)
      .execute(db);
    await sql.raw(`CREATE TRIGGER ${name} BEFORE ${operation} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`).execute(db);
    return async () => {
      await sql.raw(`DROP TRIGGER ${name} ON ${table}`).execute(db);
      await sql.raw(`DROP FUNCTION ${name}()`).execute(db);
    };
  }
  await sql.raw(`CREATE TRIGGER ${name} BEFORE ${operation} ON ${table} BEGIN SELECT RAISE(ABORT, 'provoked failure'); END`).execute(db);
  return async () => {
    await sql.raw(`DROP TRIGGER ${name}`).execute(db);
  };
}
