import { errors as lucidErrors } from '@adonisjs/lucid'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Tenant from '#core/models/tenant'
import Project, { type ProjectStatus } from '#projects/models/project'
import { BusinessRuleError } from '#finance/support/business_error'
import { assertAccountInTenant } from '#finance/support/crm_accounts'
import { definedOnly } from '#finance/support/changes'
import { optionalDate, type DateInput } from '#finance/support/dates'
import {
  findByIdempotencyKey,
  inTransaction,
  type ServiceOptions,
} from '#finance/support/transactions'
import { toSnapshot } from '#core/events/snapshot'
import { recordCreated, recordUpdated } from '#finance/support/events'

export interface ProjectInput {
  name: string
  description?: string | null
  accountId?: number | null
  status?: ProjectStatus
  startDate?: DateInput | null
  endDate?: DateInput | null
  budgetAmount?: number | null
  currency?: string | null
}

/** Writes to projects themselves; their milestones and tasks are in ProjectPlanService. */
export class ProjectService {
  async create(tenantId: number, input: ProjectInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Project, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      const tenant = await Tenant.findOrFail(tenantId, { client: trx })
      if (input.accountId) await assertAccountInTenant(trx, tenantId, input.accountId)
      const project = new Project().merge({
        tenantId,
        name: input.name,
        description: input.description ?? null,
        accountId: input.accountId ?? null,
        status: input.status ?? 'active',
        startDate: optionalDate(input.startDate) ?? null,
        endDate: optionalDate(input.endDate) ?? null,
        budgetAmount: input.budgetAmount ?? null,
        currency: (input.currency ?? tenant.currency).toUpperCase(),
        idempotencyKey: opts.idempotencyKey ?? null,
      })
      this.assertPeriod(project)
      await project.useTransaction(trx).save()
      await recordCreated(trx, 'project.created', 'project', project, opts.actorId)
      return project
    })
  }

  async update(
    tenantId: number,
    id: number,
    input: Partial<ProjectInput>,
    opts: ServiceOptions = {}
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const project = await this.lockProject(trx, tenantId, id)
      const before = toSnapshot(project)
      if (input.accountId && input.accountId !== project.accountId) {
        await assertAccountInTenant(trx, tenantId, input.accountId)
      }
      project.merge(
        definedOnly({
          name: input.name,
          description: input.description,
          accountId: input.accountId,
          status: input.status,
          startDate: optionalDate(input.startDate),
          endDate: optionalDate(input.endDate),
          budgetAmount: input.budgetAmount,
          currency: input.currency?.toUpperCase(),
        })
      )
      this.assertPeriod(project)
      await project.useTransaction(trx).save()
      await recordUpdated(trx, 'project.updated', 'project', project, before, opts.actorId)
      return project
    })
  }

  /**
   * Locks a project row. With `field`, a missing project is a business error on that input field
   * (it was named in a form); without, a 404.
   */
  async lockProject(trx: TransactionClientContract, tenantId: number, id: number, field?: string) {
    const project = await Project.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('id', id)
      .forUpdate()
      .first()
    if (project) return project
    if (field) throw new BusinessRuleError('The selected project does not exist', field)
    throw new lucidErrors.E_ROW_NOT_FOUND(Project)
  }

  private assertPeriod(project: Project) {
    if (project.startDate && project.endDate && project.endDate < project.startDate) {
      throw new BusinessRuleError('The end date cannot be before the start date', 'endDate')
    }
  }
}

export const projectService = new ProjectService()
