import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { WorkflowGraph } from '#workflows/engine/graph'

/** A published, immutable snapshot of a workflow's graph. Executions pin one. */
export default class WorkflowVersion extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare workflowId: number

  @column()
  declare number: number

  @column({ prepare: (value: WorkflowGraph) => JSON.stringify(value) })
  declare graph: WorkflowGraph

  @column()
  declare checksum: string

  @column()
  declare triggerType: string | null

  @column()
  declare authorId: number | null

  @column()
  declare note: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
