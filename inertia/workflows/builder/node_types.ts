/**
 * Builder-side helpers over the public node types (GET /api/v1/node-types or page props):
 * default config, ports of an instance, the canvas summary line and palette grouping.
 */
import type { GraphNode } from '#workflows/engine/graph'
import { resolvePorts, type ResolvedPorts } from '#workflows/engine/ports'
import { renderTemplate } from '#workflows/engine/expressions'
import { initialConfig } from '#workflows/engine/defaults'
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

/**
 * Config of a new node: the engine's `initialConfig` (defaults + generated secrets such as the
 * webhook token). Defaults are copied through JSON first: in the page they are reactive proxies,
 * which structuredClone refuses. Empty strings are left out: an empty optional field is "not
 * set" (the JSON body parser would turn '' into null, which the schema refuses).
 */
export function defaultConfigFor(def: PublicNodeType): Record<string, unknown> {
  const defaults = JSON.parse(JSON.stringify(def.defaults ?? {})) as Record<string, unknown>
  const config = initialConfig({ defaults, configSchema: def.configSchema })
  for (const [key, value] of Object.entries(config)) if (value === '') delete config[key]
  return config
}

export function portsOf(
  def: PublicNodeType | undefined,
  config: Record<string, unknown> = {}
): ResolvedPorts {
  if (!def) return { inputs: [], outputs: [] }
  return resolvePorts(def, config)
}

/** The config fields a node without a summary template shows: the first filled simple ones. */
function simpleFields(config: Record<string, unknown>) {
  return Object.entries(config).filter(
    ([, v]) => v !== null && v !== undefined && v !== '' && typeof v !== 'object'
  )
}

/**
 * One-line description of a node's config for the canvas: the type's `summary` handlebars
 * template rendered over the config (the engine's renderer, as on the server); without one, the
 * first filled simple fields.
 */
export function summaryFor(node: GraphNode, def: PublicNodeType | undefined): string {
  const config = node.config ?? {}
  let text = ''
  if (def?.summary) {
    try {
      text = renderTemplate(def.summary, config as never)
    } catch {
      text = ''
    }
  } else {
    text = simpleFields(config)
      .slice(0, 2)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(' · ')
  }
  text = text.replace(/\s+/g, ' ').trim()
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}

/**
 * Whether the node probably shows a summary line, without rendering it (sizes of nodes not on
 * screen are estimated; a template that renders empty is corrected when the node is measured).
 */
export function expectsSummary(node: GraphNode, def: PublicNodeType | undefined): boolean {
  return def?.summary ? true : simpleFields(node.config ?? {}).length > 0
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
