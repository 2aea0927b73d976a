/**
 * Which shipped plugin emits the events of a prefix, only to name it in a message when it is missing;
 * nothing else depends on it (a plugin of the site's own gets the message without the hint).
 */
const PLUGIN_HINTS: readonly (readonly [prefix: string, plugin: string])[] = [
  ['tag:', 'iadvizeTag()'],
  ['consent:', 'webSdk()'],
  ['va:', 'virtualAgent()'],
];

/** The shipped plugin that emits `type`, if one does. */
export const pluginFor = (type: string): string | undefined => PLUGIN_HINTS.find(([prefix]) => type.startsWith(prefix))?.[1];
