import { describe, expect, it } from 'vitest';
import type { AnyEvent } from './events';
import { CoreEvents } from './events';

describe('core events', () => {
  it('hands a named listener its payload, the catch-all every event, until unsubscribed', () => {
    const events = new CoreEvents();
    const leads: string[][] = [];
    const all: AnyEvent[] = [];
    const offLeads = events.on('leads-changed', (payload) => leads.push(payload.ids));
    const offAll = events.on('*', (...event) => all.push(event));
    events.emit('leads-changed', { ids: ['l1'] });
    events.emit('tasks-overdue-changed', { overdue: 2 });
    offLeads();
    offAll();
    events.emit('leads-changed', { ids: ['l2'] });
    expect(leads).toEqual([['l1']]);
    expect(all).toEqual([
      ['leads-changed', { ids: ['l1'] }],
      ['tasks-overdue-changed', { overdue: 2 }],
    ]);
  });
});
