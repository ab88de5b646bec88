// Step delays measured in the lead's local calendar. Minutes and hours are elapsed time; days
// keep the local wall-clock time across DST changes (a 1-day delay from 10:00 is 10:00 the
// next day, 23 or 25 hours later); business days skip weekends and team holidays.
import { DateTime } from 'luxon';

export interface Delay {
  amount: number;
  unit: 'minutes' | 'hours' | 'days' | 'business_days';
}

const MINUTE_MS = 60_000;

export function isBusinessDay(local: DateTime, holidays: readonly string[]): boolean {
  return local.weekday <= 5 && !holidays.includes(local.toISODate() ?? '');
}

export function addDelay(
  anchor: number,
  delay: Delay,
  zone: string,
  holidays: readonly string[] = [],
): number {
  switch (delay.unit) {
    case 'minutes':
      return anchor + delay.amount * MINUTE_MS;
    case 'hours':
      return anchor + delay.amount * 60 * MINUTE_MS;
    case 'days':
      return DateTime.fromMillis(anchor, { zone }).plus({ days: delay.amount }).toMillis();
    case 'business_days': {
      let local = DateTime.fromMillis(anchor, { zone });
      let remaining = delay.amount;
      while (remaining > 0) {
        local = local.plus({ days: 1 });
        if (isBusinessDay(local, holidays)) remaining--;
      }
      return local.toMillis();
    }
  }
}

export function delayInWords(delay: Delay): string {
  const unit = delay.unit === 'business_days' ? 'business day' : delay.unit.slice(0, -1);
  return `${delay.amount} ${unit}${delay.amount === 1 ? '' : 's'}`;
}
