/** A failure as one short line for a log: its name and message, never its stack or its fields. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}

/**
 * The site's logger behind a prefix and a redactor (no secret reaches a log line), which a failing
 * logger cannot turn into a failed answer.
 */
export function logger(sink: (line: string) => void, prefix: string, redact: (text: string) => string = (text) => text): (line: string) => void {
  return (line) => {
    try {
      sink(redact(`iadvize-bridge ${prefix}: ${line}`));
    } catch {
      // a failing logger must not change the answer
    }
  };
}

const MINUTE = 60_000;

/**
 * A degraded mode says so once: `log` gets the first line, then at most one line a minute, with
 * how many were left out since (a store outage or a throwing `authorize` would fail every request).
 */
export function degradedLog(log: (line: string) => void, now: () => number = Date.now): (line: string) => void {
  let last = -Infinity;
  let leftOut = 0;
  return (line) => {
    const time = now();
    if (time - last < MINUTE) return void leftOut++;
    log(leftOut ? `${line} (${leftOut} more like it not logged since the last line)` : line);
    last = time;
    leftOut = 0;
  };
}
