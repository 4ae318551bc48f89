import { describe, expect, it } from 'vitest';
import { everyMinutesCron } from './job-scheduler.js';

describe('everyMinutesCron', () => {
  it.each([
    [1, '*/1 * * * *'],
    [15, '*/15 * * * *'],
    [60, '0 */1 * * *'],
    [180, '0 */3 * * *'],
    [1440, '0 0 * * *'],
  ])('every %i minutes is %s', (minutes, cron) => {
    expect(everyMinutesCron(minutes)).toBe(cron);
  });

  it('refuses a zero or fractional interval', () => {
    expect(() => everyMinutesCron(0)).toThrow('positive whole number');
    expect(() => everyMinutesCron(1.5)).toThrow('positive whole number');
  });
});
