/** Distinct refusals logged; past them, one line says the rest are not (an attacker chooses its `Origin`). */
const MAX_LINES = 20;

const isOrigin = (text: string) => {
  try {
    return new URL(text).origin === text;
  } catch {
    return false;
  }
};

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
  if (written === 'null') return 'refused a link from an opaque origin (null: a sandboxed frame, a local file, a page reached across a redirect); it cannot be allowed';
  if (!isOrigin(written)) return `refused a link with a malformed Origin header (${JSON.stringify(written.slice(0, 80))}${written.length > 80 ? '…' : ''})`;
  const other = 'if it is another site of yours, list it in allowedOrigins';
  if (publicOrigins) return `refused a link from ${written}: it is neither publicOrigin (${publicOrigins.join(', ')}) nor in allowedOrigins. If browsers open this site at ${written}, add it to publicOrigin; ${other}`;
  const own = new URL(request.url);
  const why = forwardedOrigin(request.headers) === written
    ? `a proxy forwards it for ${own.origin}, and forwarded headers are not trusted`
    : `this server sees ${own.origin}${new URL(written).host === own.host ? ' (TLS ends at a proxy?)' : ''}`;
  return `refused a link from ${written}: ${why}. If browsers open this site at ${written}, set publicOrigin: '${written}'; ${other}`;
}

/** Logs why an origin was refused and the fix, once per distinct origin and reason, at most 20 lines. */
export function refusedOriginLog(log: (line: string) => void, publicOrigins: readonly string[] | undefined): (request: Request) => void {
  const logged = new Set<string>();
  return (request) => {
    if (logged.size > MAX_LINES) return;
    const line = refusal(request, publicOrigins);
    if (logged.has(line)) return;
    logged.add(line);
    log(logged.size > MAX_LINES ? `more refused origins are not logged (${MAX_LINES} were)` : line);
  };
}
