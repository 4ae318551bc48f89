import { describe, expect, it } from 'vitest';
import { HANDLED_EVENTS, planFor } from './event-plan.js';

describe('planFor', () => {
  it.each([
    ['PATIENT_CREATE', { action: 'fetch', kind: 'patients', verbose: true, deleteEvent: false }],
    ['PATIENT_MODIFY', { action: 'fetch', kind: 'patients', verbose: true, deleteEvent: false }],
    ['APPOINTMENT_CREATE', { action: 'fetch', kind: 'appointments', verbose: false, deleteEvent: false }],
    ['APPOINTMENT_MODIFY', { action: 'fetch', kind: 'appointments', verbose: false, deleteEvent: false }],
    ['APPOINTMENT_DELETE', { action: 'fetch', kind: 'appointments', verbose: false, deleteEvent: true }],
    ['CLINICAL_NOTE_LOCK', { action: 'fetch', kind: 'clinical_notes', verbose: false, deleteEvent: false }],
    ['CLINICAL_NOTE_UNLOCK', { action: 'fetch', kind: 'clinical_notes', verbose: false, deleteEvent: false }],
    ['PATIENT_MEDICATION_CREATE', { action: 'fetch', kind: 'medications', verbose: false, deleteEvent: false }],
    ['PATIENT_MEDICATION_MODIFY', { action: 'fetch', kind: 'medications', verbose: false, deleteEvent: false }],
    ['PATIENT_PROBLEM_CREATE', { action: 'fetch', kind: 'problems', verbose: false, deleteEvent: false }],
    ['PATIENT_PROBLEM_MODIFY', { action: 'fetch', kind: 'problems', verbose: false, deleteEvent: false }],
    ['PATIENT_ALLERGY_CREATE', { action: 'fetch', kind: 'allergies', verbose: false, deleteEvent: false }],
    ['PATIENT_ALLERGY_MODIFY', { action: 'fetch', kind: 'allergies', verbose: false, deleteEvent: false }],
    ['LINE_ITEM_CREATE', { action: 'fetch', kind: 'line_items', verbose: false, deleteEvent: false }],
    ['LINE_ITEM_MODIFY', { action: 'fetch', kind: 'line_items', verbose: false, deleteEvent: false }],
    ['LINE_ITEM_DELETE', { action: 'delete', kind: 'line_items' }],
  ])('%s → %j', (event, plan) => {
    expect(planFor(event)).toEqual(plan);
  });

  it.each(['PING', 'TASK_CREATE', 'LAB_ORDER_MODIFY', 'PATIENT_FLAG_CMODIFY', 'VACCINE_ADMINISTERED', 'CLINICAL_NOTE_MODIFY', 'toString', ''])(
    'ignores %j',
    (event) => {
      expect(planFor(event)).toEqual({ action: 'ignore' });
    },
  );

  it('acts on exactly the sixteen contract events', () => {
    expect(HANDLED_EVENTS).toHaveLength(16);
  });
});
