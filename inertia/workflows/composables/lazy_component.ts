import { defineAsyncComponent, type Component } from 'vue'

/**
 * A component whose code is a chunk of its own, fetched the first time it is needed: for the parts
 * of a page most visits never open (dialogs, drawers), so they cost the page's first load nothing.
 * `load()` resolves once the component can render synchronously: a caller can then mount it
 * closed and open it on the next tick, exactly as if it had been mounted from the start (the
 * dialogs react to being opened by watching `visible`).
 */
export function lazyComponent<T extends Component>(loader: () => Promise<{ default: T }>) {
  const component = defineAsyncComponent(loader)
  // Vue's async wrapper exposes its memoised loader as `__asyncLoader` (what hydration awaits); once
  // it resolved, the wrapper renders the loaded component right away instead of a placeholder.
  const wrapper = component as unknown as { __asyncLoader: () => Promise<unknown> }
  return { component, load: () => wrapper.__asyncLoader() }
}
