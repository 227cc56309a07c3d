/**
 * The entity registry: every ERP module registers its entities here (in `app/<module>/entities.ts`,
 * loaded by the `start/entities.ts` preload). The workflow module builds conditions, field pickers and
 * create/update actions on it; operations go through the module's services, so an automation creating
 * a record behaves exactly like a person doing it (validation and events included).
 */
import type { EntityDefinition, PublicEntityDefinition } from '#core/entities/types'

export type * from '#core/entities/types'

export class UnknownEntityError extends Error {
  constructor(name: string) {
    super(`Unknown entity "${name}"`)
    this.name = 'UnknownEntityError'
  }
}

export class EntityRegistry {
  #entities = new Map<string, EntityDefinition>()

  /** Adds (or, on hot reload, replaces) an entity definition. */
  register(definition: EntityDefinition) {
    if (!/^[a-z][a-z0-9_]*$/.test(definition.name)) {
      throw new Error(`Entity name "${definition.name}" must be lower snake_case`)
    }
    const keys = new Set<string>()
    for (const field of definition.fields) {
      if (keys.has(field.key)) {
        throw new Error(`Entity "${definition.name}" declares field "${field.key}" twice`)
      }
      keys.add(field.key)
      if (field.type === 'enum' && !field.options?.length) {
        throw new Error(`Enum field "${definition.name}.${field.key}" needs options`)
      }
    }
    this.#entities.set(definition.name, definition)
    return this
  }

  has(name: string) {
    return this.#entities.has(name)
  }

  /** The definition, or throws UnknownEntityError. */
  get(name: string): EntityDefinition {
    const definition = this.#entities.get(name)
    if (!definition) throw new UnknownEntityError(name)
    return definition
  }

  list(): EntityDefinition[] {
    return [...this.#entities.values()].sort(
      (a, b) => a.module.localeCompare(b.module) || a.label.localeCompare(b.label)
    )
  }

  /** Definitions without operations, for the browser. */
  publicList(): PublicEntityDefinition[] {
    return this.list().map(({ operations: _operations, ...rest }) => rest)
  }
}

export const entityRegistry = new EntityRegistry()
