/**
 * Shapes of the entity registry: what each ERP entity looks like to the workflow module (field
 * pickers, conditions, create/update actions). Pure types, safe to import in the browser.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DomainEventType } from '#core/events/catalog'

export type EntityFieldType =
  'string' | 'text' | 'number' | 'money' | 'date' | 'datetime' | 'boolean' | 'enum' | 'reference'

export interface EntityField {
  /** Key in the entity snapshot / operation data (camelCase). */
  key: string
  label: string
  type: EntityFieldType
  /** Allowed values when type is 'enum'. */
  options?: string[]
  /** Entity name a 'reference' field points to ('account', 'user', ...). */
  reference?: string
  /** Whether create needs it (pickers mark it; the service validates it). */
  required?: boolean
  /** False for computed / system fields that create/update ignore (id, status set by actions). */
  writable?: boolean
}

export interface EntityOperationOptions {
  /** User on whose behalf the change happens; recorded as the event actor. */
  actorId?: number | null
  /** Run inside the caller's transaction (a workflow step commits its effect with its checkpoint). */
  trx?: TransactionClientContract
  /**
   * Makes `create` idempotent: a second call with the same key for the same tenant and entity returns
   * the record created by the first one instead of creating another.
   */
  idempotencyKey?: string
}

export type EntityRecord = Record<string, unknown> & { id: number | string }

export interface EntityOperations {
  /** The record's snapshot, or null when missing or owned by another tenant. */
  find(
    tenantId: number,
    id: number | string,
    opts?: EntityOperationOptions
  ): Promise<EntityRecord | null>
  create(
    tenantId: number,
    data: Record<string, unknown>,
    opts?: EntityOperationOptions
  ): Promise<EntityRecord>
  update(
    tenantId: number,
    id: number | string,
    data: Record<string, unknown>,
    opts?: EntityOperationOptions
  ): Promise<EntityRecord>
}

export interface EntityDefinition {
  /** Registry key, singular snake_case: 'lead', 'deal', 'invoice'. Also the events' aggregateType. */
  name: string
  label: string
  /** Owning module: 'crm', 'invoicing', ... */
  module: string
  fields: EntityField[]
  /** Event types whose payload snapshot is this entity. */
  events: DomainEventType[]
  operations: EntityOperations
  /** Field used as the record's display name in pickers ('name', 'number', ...). */
  titleField?: string
}

/** What the browser gets: the definition without its server-side operations. */
export type PublicEntityDefinition = Omit<EntityDefinition, 'operations'>
