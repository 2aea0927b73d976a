const encoder = /* @__PURE__ */ new TextEncoder();
const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/** The 32 bytes of an `x-iadvize-signature` header (`sha256=` and 64 hex digits), or undefined. */
export function signatureDigest(header: string | null): Uint8Array | undefined {
  const hex = header === null ? undefined : SIGNATURE.exec(header.trim())?.[1];
  if (!hex) return undefined;
  const digest = new Uint8Array(32);
  for (let i = 0; i < 32; i++) digest[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return digest;
}

/**
 * What iAdvize signs: the raw body bytes of a POST or PUT, the raw query string of a GET (after the
 * `?`, as the request line carries it; iAdvize's PHP example reads the same from `php://input`).
 */
export function signedQuery(url: string): Uint8Array {
  const start = url.indexOf('?');
  return encoder.encode(start < 0 ? '' : url.slice(start + 1).split('#')[0]);
}

/**
 * Checks an HMAC-SHA256 digest against every secret (several during a rotation) with WebCrypto,
 * whose `verify` compares in constant time, and which exists in Node 18+, Deno, Bun and workers.
 * Every secret is tried, so the time taken does not tell which one matched.
 */
export function signatureVerifier(secrets: readonly string[]): (digest: Uint8Array, data: Uint8Array) => Promise<boolean> {
  let keys: Promise<CryptoKey[]> | undefined;
  const importKeys = () =>
    Promise.all(
      secrets.map((secret) => crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])),
    );
  return async (digest, data) => {
    keys ??= importKeys();
    const verdicts = await Promise.all(
      (await keys).map((key) => crypto.subtle.verify('HMAC', key, digest as BufferSource, data as BufferSource)),
    );
    return verdicts.includes(true);
  };
}
