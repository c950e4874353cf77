const MAX_DATE_LENGTH = 80;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Zone names RFC 822 defines, and the British and Central European ones that UK feeds write although RFC 822 has none.
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, bst: 60, cet: 60, cest: 120,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

const RFC_822 =
  /^(?:[a-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:([a-z]{1,5})|([+-]\d{2}):?(\d{2}))?(?:\s*\([^)]*\))?$/i;
const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:(z)|([+-]\d{2})(?::?(\d{2}))?)?)?$/i;

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC. */
  offset: number;
}

/**
 * Reads a feed's date, RFC 822 (RSS: "Tue, 10 Jun 2025 09:30:00 +0100", two-digit years and zone names too) or
 * RFC 3339 (Atom, JSON Feed: "2025-06-10T09:30:00+01:00", a bare date too), as ISO 8601 UTC. A date without a zone is
 * taken as UTC. Returns null for anything else, or an impossible date such as 31 June.
 */
export function parseFeedDate(value: string): string | null {
  const text = value.trim();
  // No date is longer; the cap also keeps the patterns' backtracking small whatever a feed sends.
  if (text.length > MAX_DATE_LENGTH) return null;
  const parts = readRfc3339(text) ?? readRfc822(text);
  return parts === null ? null : toIso(parts);
}

function readRfc3339(text: string): DateParts | null {
  const m = RFC_3339.exec(text);
  if (m === null) return null;
  const sign = m[9]?.startsWith('-') === true ? -1 : 1;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)),
    offset: m[9] === undefined ? 0 : sign * (Math.abs(Number(m[9])) * 60 + Number(m[10] ?? 0)),
  };
}

function readRfc822(text: string): DateParts | null {
  const m = RFC_822.exec(text);
  if (m === null) return null;
  const month = MONTHS.indexOf((m[2] ?? '').slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return null;
  return {
    year: fullYear(m[3] ?? ''),
    month,
    day: Number(m[1]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
    millisecond: 0,
    offset: zoneOffset(m[7], m[8], m[9]),
  };
}

/** RFC 2822's reading of short years: 00–49 are 2000–2049, 50–99 are 1950–1999, three digits add 1900. */
function fullYear(digits: string): number {
  const year = Number(digits);
  if (digits.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (digits.length === 3) return 1900 + year;
  return year;
}

function zoneOffset(name: string | undefined, hours: string | undefined, minutes: string | undefined): number {
  if (hours !== undefined) {
    const sign = hours.startsWith('-') ? -1 : 1;
    return sign * (Math.abs(Number(hours)) * 60 + Number(minutes ?? 0));
  }
  // Unknown zone names (military letters among them) are read as UTC, as RFC 2822 advises.
  return name === undefined ? 0 : (ZONES[name.toLowerCase()] ?? 0);
}

function toIso(p: DateParts): string | null {
  if (p.year < 1000 || p.year > 9999) return null;
  const daysInMonth = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysInMonth) return null;
  if (p.hour > 23 || p.minute > 59 || p.second > 60 || Math.abs(p.offset) > 18 * 60) return null;
  const utc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, Math.min(p.second, 59), p.millisecond);
  const date = new Date(utc - p.offset * 60_000);
  const year = date.getUTCFullYear();
  return year < 1000 || year > 9999 ? null : date.toISOString();
}
