/** Database access for tests: the run's migrated database and unique ids per test. */
import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createDb, type DbHandle } from '../../shared/db/create-db.js';

/** The connection string of this run's fresh, migrated database. */
export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}

/** Opens a pool on the test database; close it in afterAll. */
export function openTestDb(max = 5): DbHandle {
  return createDb(testDatabaseUrl(), { max, applicationName: 'rxbridge-test' });
}

/** A pharmacy id no other test uses, so tests never need to truncate tables. */
export function uniquePharmacyId(prefix = 'ph_t'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}
