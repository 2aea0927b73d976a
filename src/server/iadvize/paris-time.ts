// Made once: building an Intl formatter costs far more than using one.
let parisClock: Intl.DateTimeFormat | undefined;

/** Paris wall-clock time -> epoch ms (iAdvize dates carry no zone; the platform runs on Paris time). */
export function parisTime(year: number, month: number, day: number, hour: number, minute: number, second = 0): number | undefined {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!isFinite(asUtc)) return undefined;
  parisClock ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts = parisClock.formatToParts(asUtc);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const parisAsUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - (parisAsUtc - asUtc);
}

/**
 * iAdvize's "YYYY-MM-DD HH:MM:SS" (Paris time) as epoch ms: `pattern` reads year, month, day, hour,
 * minute and second from `value` in six groups (each API writes the date its own way).
 */
export function parisDate(value: unknown, pattern: RegExp): number | undefined {
  const match = typeof value === 'string' ? pattern.exec(value) : null;
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return parisTime(y, mo, d, h, mi, s);
}
