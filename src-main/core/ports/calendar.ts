// Calendar jobs (the daily aged-lead scan, nightly maintenance). Production uses node-schedule;
// tests use the injected Clock so a simulated month runs its daily jobs too.
export interface CalendarJob {
  cancel(): void;
}

export interface CalendarJobs {
  /** Runs `run` every day at local `hour:minute` in `zone`. */
  daily(name: string, at: { hour: number; minute: number; zone: string }, run: () => void): CalendarJob;
}
