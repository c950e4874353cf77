const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const msPerDay = 86_400_000;

/** The wall-clock fields an instant shows in a time zone, read as if they were UTC (milliseconds since the epoch). */
function wallClockMs(timeZone: string, instantMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((instantMs % 1000) + 1000) % 1000);
}

/** How far a time zone's clocks are ahead of UTC at an instant, in milliseconds (Europe/London: 0, or 3,600,000 in summer). */
export function zoneOffsetMs(timeZone: string, instantMs: number): number {
  return wallClockMs(timeZone, instantMs) - instantMs;
}

/** A local date as whole days since 1970-01-01, the way the working-time functions walk through days. */
export type DayNumber = number;

/** The local date of an instant in a time zone. */
export function localDayOf(timeZone: string, instantMs: number): DayNumber {
  return Math.floor(wallClockMs(timeZone, instantMs) / msPerDay);
}

/** A day number as YYYY-MM-DD. */
export function isoDateOf(day: DayNumber): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** The day of the week of a day number, 0 for Monday to 6 for Sunday. */
export function weekdayIndexOf(day: DayNumber): number {
  return (new Date(day * msPerDay).getUTCDay() + 6) % 7;
}

/**
 * The instant at which the clocks of a time zone show a wall-clock time on a local date. A time the clocks skip (the
 * spring change) is read with the offset before the change, so it lands as far past the gap as it was into it; a time
 * they show twice (the autumn change) is the earlier of the two. (These are Temporal's "compatible" rules.)
 */
export function instantOfLocal(timeZone: string, day: DayNumber, minuteOfDay: number): number {
  const wall = day * msPerDay + minuteOfDay * 60_000;
  const before = zoneOffsetMs(timeZone, wall - msPerDay);
  const after = zoneOffsetMs(timeZone, wall + msPerDay);
  const candidates = [wall - before, wall - after].filter((t) => zoneOffsetMs(timeZone, t) === wall - t);
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}
