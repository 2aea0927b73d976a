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
