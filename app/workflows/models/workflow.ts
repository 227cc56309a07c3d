import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { WorkflowGraph } from '#workflows/engine/graph'
import WorkflowVersion from '#workflows/models/workflow_version'

export const WORKFLOW_STATUSES = ['draft', 'active', 'paused', 'archived'] as const
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number]

export const PRIORITIES = ['high', 'normal', 'low'] as const
export type Priority = (typeof PRIORITIES)[number]

/** An automation: an editable draft graph plus the immutable versions published from it. */
export default class Workflow extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare name: string

  @column()
  declare description: string | null

  @column()
  declare status: WorkflowStatus

  @column({ prepare: (value: WorkflowGraph) => JSON.stringify(value) })
  declare draftGraph: WorkflowGraph

  @column()
  declare ownerId: number | null

  @column()
  declare activeVersionId: number | null

  @column()
  declare latestVersionNumber: number

  @column()
  declare priority: Priority

  /** Lower-cased, trimmed, unique labels (text[]; see workflow_tags.ts for the rules). */
  @column()
  declare tags: string[]

  /** Legacy/default webhook path token; the webhook trigger node's own token is what is checked. */
  @column({ serializeAs: null })
  declare webhookToken: string

  @hasMany(() => WorkflowVersion)
  declare versions: HasMany<typeof WorkflowVersion>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
