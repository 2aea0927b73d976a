import { originOf } from '../http/cors.js';

/** Distinct refusals logged an hour; past them, one line says the rest are not (an attacker chooses its `Origin`). */
const MAX_LINES = 20;
const HOUR = 60 * 60 * 1000;

const isOrigin = (text: string) => originOf(text) === text;

/** The origin forwarded headers claim for the request (a hint for the log only, never trusted). */
function forwardedOrigin(headers: Headers): string | undefined {
  const first = (name: string) => headers.get(name)?.split(',')[0]?.trim();
  const forwarded = first('forwarded') ?? '';
  const pair = (key: string) => new RegExp(`(?:^|;)\\s*${key}="?([^";]+)`, 'i').exec(forwarded)?.[1];
  const proto = first('x-forwarded-proto') ?? pair('proto');
  const host = first('x-forwarded-host') ?? pair('host');
  return proto && host ? `${proto.toLowerCase()}://${host.toLowerCase()}` : undefined;
}

function refusal(request: Request, publicOrigins: readonly string[] | undefined): string {
  const written = request.headers.get('origin') ?? '';
  if (!request.headers.has('origin'))
    return 'refused a link without Origin that the browser says another site sent (Sec-Fetch-Site: cross-site)';
  if (written === 'null')
    return 'refused a link from an opaque origin (null: a sandboxed frame, a local file, a page reached across a redirect); it cannot be allowed';
  if (!isOrigin(written))
    return `refused a link with a malformed Origin header (${JSON.stringify(written.slice(0, 80))}${written.length > 80 ? '…' : ''})`;
  const other = 'if it is another site of yours, list it in allowedOrigins';
  if (publicOrigins)
    return `refused a link from ${written}: it is neither publicOrigin (${publicOrigins.join(', ')}) nor in allowedOrigins. If browsers open this site at ${written}, add it to publicOrigin; ${other}`;
  const own = new URL(request.url);
  const why =
    forwardedOrigin(request.headers) === written
      ? `a proxy forwards it for ${own.origin}, and forwarded headers are not trusted`
      : `this server sees ${own.origin}${new URL(written).host === own.host ? ' (TLS ends at a proxy?)' : ''}`;
  return `refused a link from ${written}: ${why}. If browsers open this site at ${written}, set publicOrigin: '${written}'; ${other}`;
}

/** Whether `origin` names this site's host (the request's, or a public origin's): likely the site's own page behind a proxy. */
function ownHost(origin: string, request: Request, publicOrigins: readonly string[] | undefined): boolean {
  if (!isOrigin(origin)) return false;
  const host = new URL(origin).host;
  return (publicOrigins ?? [request.url]).some((own) => new URL(own).host === host);
}

/**
 * Logs why an origin was refused and the fix, once per distinct origin and reason, at most 20 lines
 * an hour; origins on this site's own host (a page behind a TLS proxy) have 20 lines of their own,
 * so hostile origins cannot use up the line that tells the operator to set publicOrigin.
 */
export function refusedOriginLog(
  log: (line: string) => void,
  publicOrigins: readonly string[] | undefined,
  now: () => number = Date.now,
): (request: Request) => void {
  let hour = Math.floor(now() / HOUR);
  let logged = { own: new Set<string>(), other: new Set<string>() };
  let leftOut = 0;
  return (request) => {
    if (Math.floor(now() / HOUR) !== hour) {
      if (leftOut) log(`${leftOut} more refused origins were not logged in the last hour`);
      hour = Math.floor(now() / HOUR);
      logged = { own: new Set(), other: new Set() };
      leftOut = 0;
    }
    const seen = ownHost(request.headers.get('origin') ?? '', request, publicOrigins) ? logged.own : logged.other;
    const line = refusal(request, publicOrigins);
    if (seen.has(line)) return;
    if (seen.size > MAX_LINES) return void leftOut++;
    seen.add(line);
    log(seen.size > MAX_LINES ? `more refused origins are not logged this hour (${MAX_LINES} were)` : line);
  };
}
