import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors/app-error.js';
import { describeCliError } from './run-cli.js';

describe('CLI error line', () => {
  it('names the running run when a sync is already running', () => {
    const err = new AppError('conflict', 'sync_running', 'a sync is already running for ph_1', { runId: 'run-123' });
    expect(describeCliError(err)).toBe('error: a sync is already running for ph_1 (running run: run-123)');
  });

  it('shows an AppError message as written', () => {
    expect(describeCliError(new AppError('not_found', 'unknown_pharmacy', 'unknown pharmacy ph_x'))).toBe('error: unknown pharmacy ph_x');
  });

  it('masks a known secret inside an unexpected error', () => {
    const key = `DRX${'ab'.repeat(16)}`;
    const line = describeCliError(new Error(`request with ${key} failed`), [key]);
    expect(line).not.toContain(key);
    expect(line).toContain('****abab');
  });
});
