// Two CalendarJobs: node-schedule on the wall clock (the shells), and one driven by the
// injected Clock (tests, simulations), which computes the next local occurrence with luxon.
import { DateTime } from 'luxon';
import schedule from 'node-schedule';
import type { CalendarJob, CalendarJobs } from '../ports/calendar';
import type { Clock, TimerHandle } from '../ports/clock';

export const nodeScheduleCalendar: CalendarJobs = {
  daily(name, at, run) {
    const job = schedule.scheduleJob(name, { hour: at.hour, minute: at.minute, tz: at.zone }, run);
    return { cancel: () => job.cancel() };
  },
};

export function nextDailyOccurrence(
  after: number,
  at: { hour: number; minute: number; zone: string },
): number {
  const local = DateTime.fromMillis(after, { zone: at.zone });
  let next = local.set({ hour: at.hour, minute: at.minute, second: 0, millisecond: 0 });
  if (next.toMillis() <= after) next = next.plus({ days: 1 }).set({ hour: at.hour, minute: at.minute });
  return next.toMillis();
}

export function clockCalendar(clock: Clock): CalendarJobs {
  return {
    daily(_name, at, run): CalendarJob {
      let timer: TimerHandle | null = null;
      let cancelled = false;
      const arm = (): void => {
        timer = clock.setTimer(nextDailyOccurrence(clock.now(), at), () => {
          if (cancelled) return;
          run();
          arm();
        });
      };
      arm();
      return {
        cancel: () => {
          cancelled = true;
          timer?.cancel();
        },
      };
    },
  };
}
