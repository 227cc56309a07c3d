import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#core/events/outbox'
import { diffSnapshots, toSnapshot } from '#core/events/snapshot'
import { recordCreated, recordUpdated } from '#finance/support/events'
import Milestone from '#projects/models/milestone'
import Task from '#projects/models/task'
import { projectService } from '#projects/services/project_service'
import { BusinessRuleError } from '#finance/support/business_error'
import { definedOnly } from '#finance/support/changes'
import { optionalDate, type DateInput } from '#finance/support/dates'
import {
  findByIdempotencyKey,
  inTransaction,
  type ServiceOptions,
} from '#finance/support/transactions'

export interface MilestoneInput {
  projectId: number
  name: string
  dueDate?: DateInput | null
  position?: number | null
}

export interface TaskInput {
  projectId: number
  milestoneId?: number | null
  title: string
  assigneeId?: number | null
  dueDate?: DateInput | null
}

/**
 * A project's plan: milestones (reaching one emits `project.milestone_reached`) and tasks.
 * Adding to a project locks it, so positions and links are checked against a stable project.
 */
export class ProjectPlanService {
  async addMilestone(tenantId: number, input: MilestoneInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Milestone, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      await projectService.lockProject(trx, tenantId, input.projectId, 'projectId')
      const last = await Milestone.query({ client: trx })
        .where('project_id', input.projectId)
        .max('position as max')
        .first()
      const milestone = await Milestone.create(
        {
          tenantId,
          projectId: input.projectId,
          name: input.name,
          dueDate: optionalDate(input.dueDate) ?? null,
          position: input.position ?? Number(last?.$extras.max ?? 0) + 1,
          reached: false,
          reachedAt: null,
          idempotencyKey: opts.idempotencyKey ?? null,
        },
        { client: trx }
      )
      await recordCreated(trx, 'project.milestone_added', 'milestone', milestone, opts.actorId)
      return milestone
    })
  }

  /**
   * Edits a milestone (`project.milestone_updated`). Setting `reached` to true is the same as
   * `reachMilestone` (`project.milestone_reached`, carrying every change of the edit); un-reaching
   * is allowed (a mistake) and is an ordinary update.
   */
  async updateMilestone(
    tenantId: number,
    id: number,
    input: Partial<Omit<MilestoneInput, 'projectId'>> & { reached?: boolean },
    opts: ServiceOptions = {}
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const milestone = await this.lockMilestone(trx, tenantId, id)
      const before = toSnapshot(milestone)
      milestone.merge(
        definedOnly({
          name: input.name,
          dueDate: optionalDate(input.dueDate),
          position: input.position ?? undefined,
        })
      )
      if (input.reached === false) milestone.merge({ reached: false, reachedAt: null })
      const reaching = input.reached === true && !milestone.reached
      if (reaching) milestone.merge({ reached: true, reachedAt: DateTime.now() })
      await milestone.useTransaction(trx).save()
      if (reaching) await this.emitReached(trx, milestone, before, opts)
      else {
        await recordUpdated(
          trx,
          'project.milestone_updated',
          'milestone',
          milestone,
          before,
          opts.actorId
        )
      }
      return milestone
    })
  }

  async reachMilestone(tenantId: number, id: number, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const milestone = await this.lockMilestone(trx, tenantId, id)
      if (milestone.reached) {
        throw new BusinessRuleError(`Milestone "${milestone.name}" is already reached`)
      }
      const before = toSnapshot(milestone)
      milestone.merge({ reached: true, reachedAt: DateTime.now() })
      await milestone.useTransaction(trx).save()
      await this.emitReached(trx, milestone, before, opts)
      return milestone
    })
  }

  async addTask(tenantId: number, input: TaskInput, opts: ServiceOptions = {}) {
    return inTransaction(opts.trx, async (trx) => {
      const existing = await findByIdempotencyKey(Task, trx, tenantId, opts.idempotencyKey)
      if (existing) return existing
      await projectService.lockProject(trx, tenantId, input.projectId, 'projectId')
      await this.assertTaskLinks(trx, tenantId, input.projectId, input)
      const task = await Task.create(
        {
          tenantId,
          projectId: input.projectId,
          milestoneId: input.milestoneId ?? null,
          title: input.title,
          assigneeId: input.assigneeId ?? null,
          dueDate: optionalDate(input.dueDate) ?? null,
          done: false,
          doneAt: null,
          idempotencyKey: opts.idempotencyKey ?? null,
        },
        { client: trx }
      )
      await recordCreated(trx, 'task.created', 'task', task, opts.actorId)
      return task
    })
  }

  async updateTask(
    tenantId: number,
    id: number,
    input: Partial<Omit<TaskInput, 'projectId'>> & { done?: boolean },
    opts: ServiceOptions = {}
  ) {
    return inTransaction(opts.trx, async (trx) => {
      const task = await Task.query({ client: trx })
        .where('tenant_id', tenantId)
        .where('id', id)
        .forUpdate()
        .firstOrFail()
      await this.assertTaskLinks(trx, tenantId, task.projectId, input)
      const before = toSnapshot(task)
      task.merge(
        definedOnly({
          title: input.title,
          milestoneId: input.milestoneId,
          assigneeId: input.assigneeId,
          dueDate: optionalDate(input.dueDate),
        })
      )
      const completing = input.done === true && !task.done
      if (input.done !== undefined && input.done !== task.done) {
        task.merge({ done: input.done, doneAt: input.done ? DateTime.now() : null })
      }
      await task.useTransaction(trx).save()
      // Completing is its own event (what automations listen for); other edits are updates.
      const type = completing ? 'task.completed' : 'task.updated'
      await recordUpdated(trx, type, 'task', task, before, opts.actorId)
      return task
    })
  }

  private async emitReached(
    trx: TransactionClientContract,
    milestone: Milestone,
    before: Record<string, unknown>,
    opts: ServiceOptions
  ) {
    await recordEvent(trx, {
      tenantId: milestone.tenantId,
      type: 'project.milestone_reached',
      aggregateType: 'milestone',
      aggregateId: milestone.id,
      payload: {
        entity: toSnapshot(milestone),
        changes: diffSnapshots(before, toSnapshot(milestone)),
      },
      actorId: opts.actorId,
    })
  }

  private async assertTaskLinks(
    trx: TransactionClientContract,
    tenantId: number,
    projectId: number,
    input: { milestoneId?: number | null; assigneeId?: number | null }
  ) {
    if (input.milestoneId) {
      const milestone = await Milestone.query({ client: trx })
        .where('tenant_id', tenantId)
        .where('project_id', projectId)
        .where('id', input.milestoneId)
        .first()
      if (!milestone) {
        throw new BusinessRuleError('The milestone is not part of this project', 'milestoneId')
      }
    }
    if (input.assigneeId) {
      const member = await trx
        .from('memberships')
        .where('tenant_id', tenantId)
        .where('user_id', input.assigneeId)
        .first()
      if (!member) throw new BusinessRuleError('The assignee is not a member', 'assigneeId')
    }
  }

  private async lockMilestone(trx: TransactionClientContract, tenantId: number, id: number) {
    return Milestone.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('id', id)
      .forUpdate()
      .firstOrFail()
  }
}

export const projectPlanService = new ProjectPlanService()
