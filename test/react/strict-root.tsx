import { act, StrictMode, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * For a test file: `render(element)` mounts it under StrictMode in a new container and returns the
 * container; after each test the root is unmounted and console spies restored.
 */
export function useStrictRoot(): (element: ReactElement) => HTMLElement {
  let root: Root | undefined;
  afterEach(() => {
    act(() => root?.unmount());
    root = undefined;
    vi.restoreAllMocks();
  });
  return (element) => {
    const container = document.createElement('div');
    root = createRoot(container);
    act(() => root!.render(<StrictMode>{element}</StrictMode>));
    return container;
  };
}
