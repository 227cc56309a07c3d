/**
 * Short, readable, collision-resistant ids for nodes and edges created in the builder. Node ids
 * end up in expressions (`steps.<id>.…`), so they stay short and identifier-safe.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

function randomSuffix(length = 6): string {
  const bytes = new Uint8Array(length)
  globalThis.crypto.getRandomValues(bytes)
  let out = ''
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length]
  return out
}

export function newNodeId(type: string, taken: Set<string>): string {
  const base = type.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'node'
  let id = `${base}_${randomSuffix(4)}`
  while (taken.has(id)) id = `${base}_${randomSuffix(6)}`
  return id
}

export function newEdgeId(taken: Set<string>): string {
  let id = `e_${randomSuffix(8)}`
  while (taken.has(id)) id = `e_${randomSuffix(10)}`
  return id
}

/** "Send email" → "Send email 2" when the name is already used in the workflow. */
export function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name
  const stem = name.replace(/\s+\d+$/, '')
  let n = 2
  while (taken.has(`${stem} ${n}`)) n++
  return `${stem} ${n}`
}
