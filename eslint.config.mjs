import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The library runs inside pages it does not own: a promise nobody awaits, an async function where a
// void callback is expected, or an `any` that hides a payload's real shape can all end in a throw into
// the page or the tag. The type-aware rules below catch those; formatting is Prettier's job alone.

/**
 * Globals of the JavaScript files (demo and bench pages, e2e fixtures, Node scripts, whose
 * `page.evaluate` callbacks run in the page): Node's own, read from this very process, and the DOM's,
 * read from TypeScript's lib.dom.d.ts, so `no-undef` works without a list kept by hand.
 */
function scriptGlobals() {
  const dom = readFileSync(createRequire(import.meta.url).resolve('typescript/lib/lib.dom.d.ts'), 'utf8');
  const names = [...Object.getOwnPropertyNames(globalThis), ...Array.from(dom.matchAll(/^declare (?:var|function) (\w+)/gm), (m) => m[1])];
  return Object.fromEntries(names.map((name) => [name, 'readonly']));
}

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'test/.doc-samples/', 'docs/api/'] },
  // A disable comment that no longer disables anything goes.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { sourceType: 'module', globals: scriptGlobals() },
  },
  {
    // Classic scripts of the demo, bench and e2e pages: a top-level `var` is a page global on purpose
    // (site code that defines `iAdvizeCallbacks`), and the page's own globals come from the bridge's
    // script tag, the tag (the simulator) and Google's gtag snippet.
    files: ['demo/*.js', 'bench/*.js', 'e2e/fixtures/**/*.js'],
    ignores: ['demo/spa.js', 'bench/event-path.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        IAdvizeBridge: 'readonly',
        IAdvizeSimulator: 'readonly',
        iAdvize: 'writable',
        iAdvizeCallbacks: 'writable',
        dataLayer: 'writable',
        gtag: 'writable',
      },
    },
    rules: { 'no-unused-vars': ['error', { vars: 'local' }], 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // Each file is checked with the tsconfig.json nearest to it: src/, test/ and e2e/ each have theirs.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // `any` only with a disable comment that says why (a generic bound that must accept every function).
      '@typescript-eslint/no-explicit-any': 'error',
      // `_name` marks a parameter kept for its position in a signature iAdvize or a vendor defines.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A plugin adds its events to the core's `PluginEvents` by declaration merging: `interface PluginEvents extends TagEvents {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // A `let` a closure reads before it is assigned (an unsubscribe a replayed event may need) stays a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'e2e/**/*.{ts,tsx}'],
    rules: {
      // Vitest types its asymmetric matchers (expect.any(), expect.objectContaining(), ...) as `any`.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Tests compare and spy on methods by identity (history.pushState before and after); they never call them unbound.
      '@typescript-eslint/unbound-method': 'off',
      // Stand-ins for async APIs (fetch, the Web SDK's promises) are `async` to return a promise as the real ones do.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // page.evaluate() callbacks run in the page, whose globals (the script-tag builds, the simulator, the
    // vendors' SDKs, what the fixtures record) the Node-side types cannot see: they are read as `any`.
    files: ['e2e/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Checked against the built declarations (dist/), which the lint runs before: types only, no code to lint.
    files: ['test/exact/**'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
