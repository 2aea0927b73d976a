export const REDACTED = '[redacted]';

/**
 * Removes a secret (or each of several, during a rotation) from text bound for a browser or a log:
 * as written and as a URL would carry it (API 1.7 puts the key in the query string, and iAdvize may
 * echo either form).
 */
export function redactor(secrets: string | readonly string[]): (text: string) => string {
  const forms = [...new Set((typeof secrets === 'string' ? [secrets] : secrets).flatMap((secret) => [secret, encodeURIComponent(secret)]))];
  return (text) => (forms.some((form) => text.includes(form)) ? forms.reduce((out, form) => out.split(form).join(REDACTED), text) : text);
}
