/**
 * Ports of a node instance: the type's static ports plus outputs generated from its config
 * (switch cases, parallel branches). The builder, validation and the interpreter all use this,
 * so a port exists for one exactly when it exists for all.
 */
import type { PortDefinition, PublicNodeType } from '../nodes/types.js'

export interface ResolvedPorts {
  inputs: PortDefinition[]
  outputs: PortDefinition[]
}

export function resolvePorts(type: PublicNodeType, config: Record<string, unknown>): ResolvedPorts {
  const dynamic = type.ports.dynamicOutputs
  if (!dynamic) return { inputs: type.ports.inputs, outputs: type.ports.outputs }
  const list = config?.[dynamic.from]
  const generated: PortDefinition[] = []
  const seen = new Set(type.ports.outputs.map((port) => port.id))
  if (Array.isArray(list)) {
    for (const item of list) {
      if (!item || typeof item !== 'object') continue
      const id = (item as Record<string, unknown>)[dynamic.idKey]
      if (typeof id !== 'string' || id === '' || seen.has(id)) continue
      seen.add(id)
      const label = (item as Record<string, unknown>)[dynamic.labelKey]
      generated.push({
        id,
        label: typeof label === 'string' && label ? label : id,
        kind: dynamic.kind ?? 'main',
      })
    }
  }
  return { inputs: type.ports.inputs, outputs: [...generated, ...type.ports.outputs] }
}

export function findPort(ports: PortDefinition[], id: string): PortDefinition | undefined {
  return ports.find((port) => port.id === id)
}
