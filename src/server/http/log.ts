/** A failure as one short line for a log: its name and message, never its stack or its fields. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}

/** Where the server entry logs when the site gives no `log`: `console.warn`, looked up at each line (a test or an APM may replace it). */
export const warn = (message: string): void => console.warn(message);

/**
 * The site's logger behind a prefix and a redactor (no secret reaches a log line), which a failing
 * logger cannot turn into a failed answer.
 */
export function logger(
  sink: (line: string) => void,
  prefix: string,
  redact: (text: string) => string = (text) => text,
): (line: string) => void {
  return (line) => {
    try {
      sink(redact(`iadvize-bridge ${prefix}: ${line}`));
    } catch {
      // a failing logger must not change the answer
    }
  };
}

const MINUTE = 60_000;

/** How often a degraded mode speaks again after its first line. */
export type Cadence =
  /** At most one line a minute, with how many were left out since: a store outage or a throwing `authorize` would fail every request. */
  | 'minute'
  /** At the 10th, 100th, 1,000th... time, with that count: a broken handler is seen, not a flood. */
  | 'tenfold';

/**
 * A degraded mode says so once: `log` gets the first line, then the lines `cadence` lets through.
 * A line may be written for the count of times so far (1 the first time).
 */
export function degradedLog(
  log: (line: string) => void,
  now: () => number = Date.now,
  cadence: Cadence = 'minute',
): (line: string | ((count: number) => string)) => void {
  let count = 0;
  let last = -Infinity;
  let leftOut = 0;
  return (line) => {
    count += 1;
    const text = () => (typeof line === 'string' ? line : line(count));
    if (cadence === 'tenfold') return void (Number.isInteger(Math.log10(count)) && log(text()));
    const time = now();
    if (time - last < MINUTE) return void leftOut++;
    log(leftOut ? `${text()} (${leftOut} more like it not logged since the last line)` : text());
    last = time;
    leftOut = 0;
  };
}
