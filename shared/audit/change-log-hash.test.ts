import { describe, expect, it } from 'vitest';
import { changeLogHash, GENESIS_HASH, type ChangeLogLink } from './change-log-hash.js';

const base: ChangeLogLink = {
  prevHash: GENESIS_HASH,
  tableName: 'patients',
  operation: 'insert',
  rowId: '1',
  drchronoId: null,
  actor: 'unknown',
  changedAt: '2026-01-02T03:04:05.123456Z',
  changedColumns: [],
};

describe('changeLogHash', () => {
  // Vectors from `printf '%s' '<fields joined by |>' | sha256sum`, so the formula cannot drift unnoticed.
  it.each([
    ['a null drchrono id and no columns', base, 'cbea28c2b0c79c4883a6ba0c5036a779af9998b491eef597f78d839830796f3d'],
    [
      'columns joined with commas',
      { ...base, operation: 'update', drchronoId: '42', actor: 'drchrono_sync', changedColumns: ['last_name', 'raw'] },
      '0d41acaf5ad11f3b362b07d67f8e39ccebc2f77bf210f7fb236de329aa216059',
    ],
  ])('hashes %s as the documented formula does', (_name, link, expected) => {
    expect(changeLogHash(link)).toBe(expected);
  });

  it('changes when any field changes, including the link to the previous row', () => {
    const h = changeLogHash(base);
    expect(changeLogHash({ ...base, prevHash: 'a'.repeat(64) })).not.toBe(h);
    expect(changeLogHash({ ...base, drchronoId: '' })).toBe(h);
    expect(changeLogHash({ ...base, changedAt: '2026-01-02T03:04:05.123457Z' })).not.toBe(h);
  });
});
