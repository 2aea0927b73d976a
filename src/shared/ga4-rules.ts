/**
 * Google Analytics 4 naming and parameter rules, pure and shared by the browser adapters (`ga4`, `gtm`)
 * and the server's Measurement Protocol sink: an event that breaks them is dropped or truncated by
 * Google without a word (the collection endpoint answers 2xx whatever it receives), so they are
 * enforced here, where the site can see them.
 */

/** Parameters sent with an event: snake_case names, primitive values. */
export type Ga4Params = Record<string, string | number | boolean>;
type Params = Ga4Params;
export const GA4_LIMITS = { nameLength: 40, params: 25, valueLength: 100 } as const;

// Google's reserved names for web data streams (gtag.js); app-only names cannot come from a browser.
const RESERVED_NAMES = /* @__PURE__ */ new Set([
  'ad_impression',
  'app_remove',
  'app_store_refund',
  'app_store_subscription_cancel',
  'app_store_subscription_renew',
  'click',
  'error',
  'file_download',
  'first_open',
  'first_visit',
  'form_start',
  'form_submit',
  'in_app_purchase',
  'page_view',
  'scroll',
  'session_start',
  'user_engagement',
  'view_complete',
  'video_progress',
  'video_start',
  'view_search_results',
]);
const RESERVED_PREFIXES = ['firebase_', 'google_', 'ga_', 'gtag.', 'query_id'];
const RESERVED_PARAMS = /* @__PURE__ */ new Set(['engagement_time_msec', 'gclid', 'session_id', 'session_number']);
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Why `name` cannot be a GA4 event name, or undefined when it can. */
export function eventNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !NAME.test(name)) {
    return `GA4 event name ${JSON.stringify(name)} must start with a letter and use only letters, digits and underscores`;
  }
  if (name.length > GA4_LIMITS.nameLength) return `GA4 event name "${name}" is longer than ${GA4_LIMITS.nameLength} characters`;
  if (RESERVED_NAMES.has(name)) return `GA4 event name "${name}" is reserved by Google`;
  const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved));
  if (prefix) return `GA4 event name "${name}" uses the reserved prefix "${prefix}"`;
  return undefined;
}

// Parameter names repeat from event to event: each is checked once.
const checkedNames = new Map<string, boolean>();

function isParamName(name: string): boolean {
  let valid = checkedNames.get(name);
  if (valid === undefined) {
    valid =
      NAME.test(name) &&
      name.length <= GA4_LIMITS.nameLength &&
      !RESERVED_PARAMS.has(name) &&
      !RESERVED_PREFIXES.some((reserved) => name.startsWith(reserved));
    if (checkedNames.size < 1000) checkedNames.set(name, valid);
  }
  return valid;
}

/**
 * Leaves in `params` what GA4 keeps: valid names only, at most 25, text values cut to 100 characters.
 * Returns the names left out, so the caller can report them (undefined when none were).
 */
export function ga4Params(params: Params): string[] | undefined {
  let rejected: string[] | undefined;
  let count = 0;
  for (const name in params) {
    if (!isParamName(name) || count >= GA4_LIMITS.params) {
      (rejected ??= []).push(name);
      delete params[name];
      continue;
    }
    count++;
    const value = params[name];
    if (typeof value === 'string' && value.length > GA4_LIMITS.valueLength) params[name] = value.slice(0, GA4_LIMITS.valueLength);
  }
  return rejected;
}

/** The rules an adapter enforces for its tool's names and parameters (GA4's for `ga4` and `gtm`). */
export interface NamingRules {
  /** The tool, as errors name it. */
  tool: string;
  /** Why `name` cannot be an event name, or undefined when it can. */
  eventNameProblem(name: unknown): string | undefined;
  /** Leaves in `params` what the tool keeps; returns the names left out, if any. */
  params(params: Params): string[] | undefined;
}

export const GA4_RULES: NamingRules = { tool: 'GA4', eventNameProblem, params: ga4Params };
