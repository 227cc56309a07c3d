import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import DealStage from '#crm/models/deal_stage'
import { DEFAULT_STAGES } from '#crm/support/default_stages'

/**
 * A tenant's pipeline stages, ordered. The default pipeline is created the first time a tenant's
 * CRM needs it (idempotent: concurrent first requests insert once thanks to the unique name).
 */
export class PipelineService {
  async stages(tenantId: number, trx?: TransactionClientContract): Promise<DealStage[]> {
    const query = () =>
      DealStage.query({ client: trx }).where('tenant_id', tenantId).orderBy('position', 'asc')
    const stages = await query()
    if (stages.length > 0) return stages
    await this.ensureDefaults(tenantId, trx)
    return query()
  }

  async ensureDefaults(tenantId: number, trx?: TransactionClientContract) {
    const client = trx ?? db
    const now = new Date()
    await client
      .insertQuery()
      .table('crm_deal_stages')
      .insert(
        DEFAULT_STAGES.map((stage, index) => ({
          tenant_id: tenantId,
          name: stage.name,
          kind: stage.kind,
          probability: stage.probability,
          position: index + 1,
          created_at: now,
        }))
      )
      .knexQuery.onConflict(['tenant_id', 'name'])
      .ignore()
  }

  async stage(tenantId: number, stageId: number, trx?: TransactionClientContract) {
    const stages = await this.stages(tenantId, trx)
    return stages.find((stage) => stage.id === stageId) ?? null
  }

  /** The first open stage (where new deals start). */
  async firstOpen(tenantId: number, trx?: TransactionClientContract) {
    const stages = await this.stages(tenantId, trx)
    return stages.find((stage) => stage.kind === 'open') ?? stages[0]
  }

  async ofKind(tenantId: number, kind: 'won' | 'lost', trx?: TransactionClientContract) {
    const stages = await this.stages(tenantId, trx)
    const stage = stages.find((candidate) => candidate.kind === kind)
    if (!stage) throw new Error(`Tenant ${tenantId} has no ${kind} stage`)
    return stage
  }
}

export const pipelineService = new PipelineService()
