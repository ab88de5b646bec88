// A time zone where it is mid-morning to mid-afternoon now, so quiet hours do not hold a send
// made by a test in real time.
import { DateTime } from 'luxon';

export function zoneInWorkingHours(): string {
  const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Tokyo', 'Asia/Kolkata'];
  return (
    zones.find((zone) => DateTime.now().setZone(zone).hour >= 10 && DateTime.now().setZone(zone).hour < 17) ??
    'Etc/GMT-12'
  );
}
