/**
 * Builder-side helpers over the public node types (GET /api/v1/node-types or page props):
 * default config, ports of an instance, the canvas summary line and palette grouping.
 */
import type { GraphNode } from '#workflows/engine/graph'
import { resolvePorts, type ResolvedPorts } from '#workflows/engine/ports'
import type { PaletteGroup, PublicNodeType } from '#workflows/nodes/types'

export const PALETTE_GROUPS: PaletteGroup[] = [
  'Triggers',
  'Actions',
  'CRM',
  'Finance',
  'Control',
  'AI',
  'Integrations',
]

export function defaultConfigFor(def: PublicNodeType): Record<string, unknown> {
  return structuredClone((def.defaults ?? {}) as Record<string, unknown>)
}

export function portsOf(
  def: PublicNodeType | undefined,
  config: Record<string, unknown> = {}
): ResolvedPorts {
  if (!def) return { inputs: [], outputs: [] }
  return resolvePorts(def, config)
}

function valueAt(source: unknown, path: string): unknown {
  let current: unknown = source
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function display(value: unknown): string {
  if (value === undefined || value === null || value === '') return ''
  if (Array.isArray(value))
    return value.every((v) => typeof v !== 'object') ? value.join(', ') : `${value.length} items`
  if (typeof value === 'object') return `${Object.keys(value).length} fields`
  return String(value)
}

/**
 * One-line description of a node's config for the canvas. Uses the type's `summary` template
 * (`{{path}}` placeholders over config, no helpers needed here); without one, the first filled
 * simple fields.
 */
export function summaryFor(node: GraphNode, def: PublicNodeType | undefined): string {
  const config = node.config ?? {}
  let text = ''
  if (def?.summary) {
    text = def.summary.replace(/\{\{\{?\s*([\w.]+)\s*\}?\}\}/g, (_m, path: string) =>
      display(valueAt(config, path))
    )
  } else {
    text = Object.entries(config)
      .filter(([, v]) => v !== null && v !== '' && typeof v !== 'object')
      .slice(0, 2)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(' · ')
  }
  text = text.replace(/\s+/g, ' ').trim()
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}

export interface PaletteSection {
  group: PaletteGroup
  types: PublicNodeType[]
}

/** Node types grouped for the palette, filtered by a search over label, type and description. */
export function paletteSections(types: PublicNodeType[], query = ''): PaletteSection[] {
  const q = query.trim().toLowerCase()
  const match = (t: PublicNodeType) =>
    !q || [t.label, t.type, t.description, t.group].some((s) => s?.toLowerCase().includes(q))
  const groups = [...PALETTE_GROUPS, ...new Set(types.map((t) => t.group))]
  const seen = new Set<string>()
  const sections: PaletteSection[] = []
  for (const group of groups) {
    if (seen.has(group)) continue
    seen.add(group)
    const list = types.filter((t) => t.group === group && match(t))
    if (list.length) sections.push({ group, types: list })
  }
  return sections
}

/** Nodes whose name, type or config text contains the query (node search in big workflows). */
export function searchNodes(nodes: GraphNode[], types: Map<string, PublicNodeType>, query: string) {
  const q = query.trim().toLowerCase()
  if (!q) return []
  return nodes.filter((node) => {
    const label = types.get(node.type)?.label ?? ''
    return (
      node.name.toLowerCase().includes(q) ||
      node.type.toLowerCase().includes(q) ||
      label.toLowerCase().includes(q) ||
      JSON.stringify(node.config ?? {})
        .toLowerCase()
        .includes(q)
    )
  })
}
