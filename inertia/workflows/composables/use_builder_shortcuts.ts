/**
 * Builder keyboard shortcuts and clipboard. Copy/cut/paste use the DOM clipboard events, which
 * work without clipboard permissions and between tabs/workflows; the fragment is also kept in
 * memory for the toolbar buttons when the async Clipboard API is not allowed.
 * Keys typed into form fields are left alone (except save).
 */
import { onBeforeUnmount, onMounted } from 'vue'

export const SHORTCUTS = [
  { keys: 'Ctrl/⌘ + C', label: 'Copy selected nodes (JSON on the clipboard)' },
  { keys: 'Ctrl/⌘ + X', label: 'Cut' },
  { keys: 'Ctrl/⌘ + V', label: 'Paste (also from another workflow)' },
  { keys: 'Ctrl/⌘ + D', label: 'Duplicate selection' },
  { keys: 'Ctrl/⌘ + Z', label: 'Undo' },
  { keys: 'Ctrl/⌘ + Shift + Z  /  Ctrl + Y', label: 'Redo' },
  { keys: 'Delete / Backspace', label: 'Delete selection' },
  { keys: 'Ctrl/⌘ + A', label: 'Select all' },
  { keys: 'Ctrl/⌘ + S', label: 'Save draft' },
  { keys: 'Ctrl/⌘ + Enter', label: 'Run' },
  { keys: 'Ctrl/⌘ + F', label: 'Find a node' },
  { keys: '/', label: 'Search the palette' },
  { keys: '+ / -', label: 'Zoom in / out' },
  { keys: 'Shift + 1', label: 'Fit view' },
  { keys: 'F2', label: 'Rename selected node' },
  { keys: 'Shift + click / drag', label: 'Add to selection / box select' },
  { keys: '?', label: 'This cheat sheet' },
  { keys: 'Esc', label: 'Clear selection / close' },
]

export interface ShortcutHandlers {
  copy(): string | null
  cut(): string | null
  paste(text: string): void
  undo(): void
  redo(): void
  remove(): void
  selectAll(): void
  duplicate(): void
  save(): void
  run(): void
  find(): void
  searchPalette(): void
  zoomIn(): void
  zoomOut(): void
  fitView(): void
  rename(): void
  help(): void
  escape(): void
}

let memoryClipboard: string | null = null

export function rememberClipboard(text: string | null) {
  if (text) memoryClipboard = text
}

export async function writeClipboard(text: string) {
  memoryClipboard = text
  try {
    await navigator.clipboard.writeText(text)
  } catch {
    // Permission denied: the in-memory copy still serves paste in this tab.
  }
}

export async function readClipboard(): Promise<string | null> {
  try {
    const text = await navigator.clipboard.readText()
    if (text) return text
  } catch {
    // Not allowed without a user gesture / permission: fall back to this tab's last copy.
  }
  return memoryClipboard
}

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || !el.tagName) return false
  return (
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
    el.isContentEditable ||
    // Panels and overlays own their keys: Delete on a focused select must not delete the node.
    !!el.closest?.(
      '[role="dialog"], [role="combobox"], [role="listbox"], .p-select-overlay, .p-multiselect-overlay, .wf-props'
    )
  )
}

export function useBuilderShortcuts(h: ShortcutHandlers) {
  function onKeydown(event: KeyboardEvent) {
    const mod = event.ctrlKey || event.metaKey
    const key = event.key.toLowerCase()
    if (mod && key === 's') {
      event.preventDefault()
      h.save()
      return
    }
    if (isEditable(event.target)) return
    if (mod && key === 'enter') h.run()
    else if (mod && key === 'z' && event.shiftKey) h.redo()
    else if (mod && key === 'z') h.undo()
    else if (mod && key === 'y') h.redo()
    else if (mod && key === 'a') h.selectAll()
    else if (mod && key === 'd') h.duplicate()
    else if (mod && key === 'f') h.find()
    else if (mod)
      return // copy/cut/paste arrive as clipboard events
    else if (key === 'delete' || key === 'backspace') h.remove()
    else if (event.key === '?') h.help()
    else if (event.key === '/') h.searchPalette()
    else if (event.key === '+' || event.key === '=') h.zoomIn()
    else if (event.key === '-') h.zoomOut()
    else if (event.key === '!' && event.shiftKey) h.fitView()
    else if (key === 'f2') h.rename()
    else if (key === 'escape') h.escape()
    else return
    event.preventDefault()
  }

  function onCopy(event: ClipboardEvent) {
    if (isEditable(event.target) || window.getSelection()?.toString()) return
    const text = h.copy()
    if (!text) return
    memoryClipboard = text
    event.clipboardData?.setData('text/plain', text)
    event.preventDefault()
  }

  function onCut(event: ClipboardEvent) {
    if (isEditable(event.target)) return
    const text = h.cut()
    if (!text) return
    memoryClipboard = text
    event.clipboardData?.setData('text/plain', text)
    event.preventDefault()
  }

  function onPaste(event: ClipboardEvent) {
    if (isEditable(event.target)) return
    const text = event.clipboardData?.getData('text/plain') || memoryClipboard
    if (!text) return
    event.preventDefault()
    h.paste(text)
  }

  onMounted(() => {
    window.addEventListener('keydown', onKeydown)
    document.addEventListener('copy', onCopy)
    document.addEventListener('cut', onCut)
    document.addEventListener('paste', onPaste)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKeydown)
    document.removeEventListener('copy', onCopy)
    document.removeEventListener('cut', onCut)
    document.removeEventListener('paste', onPaste)
  })
}
