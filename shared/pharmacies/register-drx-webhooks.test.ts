import { describe, expect, it } from 'vitest';
import { drxWebhookUrl } from './register-drx-webhooks.js';

describe('drxWebhookUrl', () => {
  it('puts the pharmacy in the path and the encoded event in the query', () => {
    expect(drxWebhookUrl('https://rx.example.test/', 'ph_1', 'Waiting Bin')).toBe(
      'https://rx.example.test/drx-webhook/ph_1?event=Waiting%20Bin',
    );
  });
});
