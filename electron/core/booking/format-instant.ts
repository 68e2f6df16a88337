/** "Wed 25 Nov, 19:30" in the cinema's time zone: how messages name a session's time. */
export function formatInstant(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(instant));
}
