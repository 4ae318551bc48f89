// jsonbAccepts and storableText agree with what PostgreSQL actually takes.
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/test-db.js';
import { jsonbAccepts, storableText } from './postgres-text-limits.js';

const h = openTestDb();
afterAll(() => h.close());

async function postgresTakes(query: ReturnType<typeof sql>): Promise<boolean> {
  try {
    await query.execute(h.db);
    return true;
  } catch {
    return false;
  }
}

describe('postgres text limits', () => {
  it.each([
    '{"a":"b"}',
    '{"a":"\\u00fc"}',
    '{"a":"\\ud83d\\ude00"}',
    '{"a":"\\\\u0000"}',
    '{"a":"x\\u0000y"}',
    '{"a":"\\\\\\u0000"}',
    '{"a":"\\ud83d"}',
    '{"a":"\\ud83dx\\ude00"}',
    '{"a":"\\ude00"}',
    '{"a":"\\ud83d\\ud83d"}',
  ])('jsonbAccepts(%s) is what jsonb does', async (text) => {
    expect(await postgresTakes(sql`select ${text}::jsonb`)).toBe(jsonbAccepts(text));
  });

  it('storableText makes text with NULs storable, and PostgreSQL refuses it without', async () => {
    const text = 'a\0b';
    expect(await postgresTakes(sql`select ${text}::text`)).toBe(false);
    expect(await postgresTakes(sql`select ${storableText(text)}::text`)).toBe(true);
  });
});
