/**
 * Approval: pauses the execution until people decide. Approvers are users, roles or an
 * expression (ids or e-mails, e.g. `{{deal.ownerId}}`); mode any-one / all / quorum N; an optional
 * form the approver fills; an optional due date after which the `timed_out` port is taken, the
 * request is auto-decided, or it escalates: other approvers are added (`escalate`) or take over
 * from the undecided ones (`reassign`), with an optional second due date (`escalateDueIn`) whose
 * outcome is `afterEscalation` (timed out or auto-decided).
 *
 * The node itself only describes the request: it returns a `wait` of kind `approval`, and the
 * approvals module (app/workflows/approvals) creates the request in the same transaction as the
 * runtime's wait row and routes the step to `approved` / `rejected` / `timed_out` when it ends.
 */
import { Type } from '@sinclair/typebox'
import { parseDuration } from '../../engine/duration.js'
import { toDateTime } from '../../engine/expressions.js'
import { ROLES, type Role } from '../../../core/roles.js'
import { NodeError, type NodeDefinition } from '../types.js'
import { IN, field } from '../shared.js'
import { ManualConfigSchema, type ManualField } from '../triggers/manual.js'

export interface ApprovalConfig {
  title: string
  description?: string
  approvers: { userIds?: Array<number | string>; roles?: Role[] }
  approverExpression?: string
  mode: 'any' | 'all' | 'quorum'
  quorum?: number
  form?: ManualField[]
  dueIn?: string
  dueAt?: string
  entity?: string
  entityId?: string
  /**
   * What happens at the due date: time out (port), auto-decide, or escalate once by adding
   * approvers (`escalate`) or by reassigning the request to them (`reassign`).
   */
  onTimeout?: 'timed_out' | 'approve' | 'reject' | 'escalate' | 'reassign'
  escalateTo?: { userIds?: Array<number | string>; roles?: Role[] }
  /** Escalation approvers from data (ids or e-mails), e.g. `{{trigger.entity.owner.managerId}}`. */
  escalateExpression?: string
  /** Second due date, counted from the escalation (empty: wait for the new approvers). */
  escalateDueIn?: string
  /** What happens at the second due date. */
  afterEscalation?: 'timed_out' | 'approve' | 'reject'
  /** Remind undecided approvers this often while the request is pending. */
  remindEvery?: string
}

/** What the approvals module needs to create the request (the wait's `data`). */
export interface ApprovalWaitData {
  title: string
  description: string | null
  userIds: number[]
  roles: Role[]
  /** Rendered approver expression split into user ids and e-mails. */
  references: string[]
  mode: ApprovalConfig['mode']
  quorum: number
  form: ManualField[]
  dueAt: string | null
  context: { entity: string | null; entityId: string | null }
  onTimeout: NonNullable<ApprovalConfig['onTimeout']>
  escalation: ApprovalEscalationPlan | null
  remindEveryMs: number | null
}

/** How an overdue request escalates (stored in the request's context). */
export interface ApprovalEscalationPlan {
  /** `add`: the new approvers join; `reassign`: they replace the approvers who did not decide. */
  mode: 'add' | 'reassign'
  userIds: number[]
  roles: Role[]
  /** Rendered escalation expression split into user ids and e-mails. */
  references: string[]
  /** Second due date, counted from the escalation; null: no second due date. */
  dueInMs: number | null
  /** Outcome at the second due date. */
  then: 'timed_out' | 'approve' | 'reject'
}

const userIdsOf = (ids: Array<number | string> | undefined) =>
  (ids ?? []).map((id) => Number(id)).filter((id) => Number.isInteger(id) && id > 0)

/** `{{expr}}` may render to a number, a list or a comma separated string. */
const referencesOf = (expression: unknown) =>
  (Array.isArray(expression) ? expression.join(',') : String(expression ?? ''))
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean)

const ESCALATING = ['escalate', 'reassign']

export const APPROVAL_PORTS = ['approved', 'rejected', 'timed_out'] as const

export const approvalNode: NodeDefinition<ApprovalConfig> = {
  type: 'approval',
  category: 'action',
  group: 'Actions',
  label: 'Approval',
  icon: 'pi pi-check-square',
  description:
    'Ask people to approve or reject (any one, all, or a quorum), with a form and a due date; continue on approved, rejected or timed out.',
  ports: {
    inputs: [IN],
    outputs: [
      { id: 'approved', label: 'Approved', kind: 'main' },
      { id: 'rejected', label: 'Rejected', kind: 'main' },
      { id: 'timed_out', label: 'Timed out', kind: 'main' },
    ],
  },
  configSchema: Type.Object({
    title: Type.String({
      minLength: 1,
      maxLength: 300,
      ...field('Title', 'expression', { placeholder: 'Approve expense {{trigger.entity.id}}' }),
    }),
    description: Type.Optional(
      Type.String({ maxLength: 4000, ...field('Details for the approver', 'textarea') })
    ),
    approvers: Type.Object(
      {
        userIds: Type.Optional(
          Type.Array(Type.Union([Type.Integer({ minimum: 1 }), Type.String()]), { title: 'Users' })
        ),
        roles: Type.Optional(
          Type.Array(Type.Union(ROLES.map((role) => Type.Literal(role))), { title: 'Roles' })
        ),
      },
      field('Approvers', 'recipients')
    ),
    approverExpression: Type.Optional(
      Type.String({
        maxLength: 500,
        ...field('Approvers from data', 'expression', {
          placeholder: '{{deal.ownerId}}',
          help: 'User ids or e-mails, comma separated',
        }),
      })
    ),
    mode: Type.Union(
      [Type.Literal('any'), Type.Literal('all'), Type.Literal('quorum')],
      field('Who must approve', 'enum', {
        options: [
          { value: 'any', label: 'Any one approver' },
          { value: 'all', label: 'All approvers' },
          { value: 'quorum', label: 'A quorum' },
        ],
      })
    ),
    quorum: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        ...field('Approvals needed', 'number', { showIf: { field: 'mode', in: ['quorum'] } }),
      })
    ),
    form: Type.Optional(ManualConfigSchema.properties.fields),
    dueIn: Type.Optional(
      Type.String({
        ...field('Due in', 'duration', { placeholder: '2d', help: 'Empty: no due date' }),
      })
    ),
    dueAt: Type.Optional(
      Type.String(field('Due at', 'expression', { placeholder: '{{trigger.entity.dueDate}}' }))
    ),
    onTimeout: Type.Optional(
      Type.Union(
        ['timed_out', 'approve', 'reject', 'escalate', 'reassign'].map((value) =>
          Type.Literal(value)
        ),
        field('When due', 'enum', {
          options: [
            { value: 'timed_out', label: 'Continue on "timed out"' },
            { value: 'approve', label: 'Approve automatically' },
            { value: 'reject', label: 'Reject automatically' },
            { value: 'escalate', label: 'Escalate: add other approvers' },
            { value: 'reassign', label: 'Escalate: reassign to other approvers' },
          ],
          help: 'Reassigning takes the request away from approvers who have not decided yet',
        })
      )
    ),
    escalateTo: Type.Optional(
      Type.Object(
        {
          userIds: Type.Optional(
            Type.Array(Type.Union([Type.Integer({ minimum: 1 }), Type.String()]), {
              title: 'Users',
            })
          ),
          roles: Type.Optional(
            Type.Array(Type.Union(ROLES.map((role) => Type.Literal(role))), { title: 'Roles' })
          ),
        },
        field('Escalate to', 'recipients', { showIf: { field: 'onTimeout', in: ESCALATING } })
      )
    ),
    escalateExpression: Type.Optional(
      Type.String({
        maxLength: 500,
        ...field('Escalate to (from data)', 'expression', {
          placeholder: '{{trigger.entity.owner.managerId}}',
          help: 'User ids or e-mails, comma separated',
          showIf: { field: 'onTimeout', in: ESCALATING },
        }),
      })
    ),
    escalateDueIn: Type.Optional(
      Type.String(
        field('Escalation due in', 'duration', {
          placeholder: '1d',
          help: 'A second due date after escalating. Empty: wait for the new approvers',
          showIf: { field: 'onTimeout', in: ESCALATING },
        })
      )
    ),
    afterEscalation: Type.Optional(
      Type.Union(
        ['timed_out', 'approve', 'reject'].map((value) => Type.Literal(value)),
        field('When the escalation is due', 'enum', {
          options: [
            { value: 'timed_out', label: 'Continue on "timed out"' },
            { value: 'approve', label: 'Approve automatically' },
            { value: 'reject', label: 'Reject automatically' },
          ],
          showIf: { field: 'onTimeout', in: ESCALATING },
        })
      )
    ),
    remindEvery: Type.Optional(
      Type.String(
        field('Remind every', 'duration', { placeholder: '1d', help: 'Empty: no reminders' })
      )
    ),
    entity: Type.Optional(Type.String(field('Record type', 'entity'))),
    entityId: Type.Optional(
      Type.String(field('Record id', 'expression', { placeholder: '{{trigger.entityId}}' }))
    ),
  }),
  defaults: {
    title: 'Approval needed',
    approvers: { userIds: [], roles: ['approver'] },
    mode: 'any',
    quorum: 1,
    form: [],
  },
  sideEffects: false,
  timeoutMs: 5_000,
  summary: '{{title}} ({{mode}})',
  async execute(ctx) {
    const config = ctx.config
    const title = String(config.title ?? '').trim()
    if (!title)
      throw new NodeError('validation', 'The approval title is empty', { code: 'empty_title' })
    const userIds = userIdsOf(config.approvers?.userIds)
    const roles = (config.approvers?.roles ?? []).filter((role) => ROLES.includes(role))
    const references = referencesOf(config.approverExpression)
    if (userIds.length === 0 && roles.length === 0 && references.length === 0) {
      throw new NodeError('validation', 'Choose at least one approver (user, role or expression)', {
        code: 'no_approvers',
      })
    }
    const mode = config.mode ?? 'any'
    const quorum = mode === 'quorum' ? Math.max(1, Number(config.quorum ?? 1)) : 1
    let dueAt: string | null = null
    if (config.dueAt) {
      const date = toDateTime(config.dueAt)
      if (!date)
        throw new NodeError('validation', `"${config.dueAt}" is not a date`, {
          code: 'invalid_date',
        })
      dueAt = date.toUTC().toISO()
    } else if (config.dueIn) {
      const ms = parseDuration(config.dueIn)
      if (ms === null)
        throw new NodeError('validation', `"${config.dueIn}" is not a duration`, {
          code: 'invalid_duration',
        })
      dueAt = new Date(Date.now() + ms).toISOString()
    }
    const onTimeout = config.onTimeout ?? 'timed_out'
    let escalation: ApprovalWaitData['escalation'] = null
    if (ESCALATING.includes(onTimeout)) escalation = escalationPlan(config)
    let remindEveryMs: number | null = null
    if (config.remindEvery) {
      remindEveryMs = parseDuration(config.remindEvery)
      if (remindEveryMs === null || remindEveryMs < 60_000)
        throw new NodeError('validation', 'Reminders need a duration of at least 1 minute', {
          code: 'invalid_reminder',
        })
    }
    const data: ApprovalWaitData = {
      title: title.slice(0, 300),
      description: config.description?.trim() || null,
      userIds,
      roles,
      references,
      mode,
      quorum,
      form: config.form ?? [],
      dueAt,
      context: { entity: config.entity || null, entityId: config.entityId || null },
      onTimeout,
      escalation,
      remindEveryMs,
    }
    return {
      output: { title: data.title, mode, quorum, dueAt, ...data.context },
      wait: {
        kind: 'approval',
        ...(dueAt ? { until: dueAt } : {}),
        data: data as unknown as Record<string, unknown>,
      },
    }
  },
}

/** The escalation settings, checked: someone to escalate to and a valid second due date. */
function escalationPlan(config: ApprovalConfig): ApprovalEscalationPlan {
  const userIds = userIdsOf(config.escalateTo?.userIds)
  const roles = (config.escalateTo?.roles ?? []).filter((role) => ROLES.includes(role))
  const references = referencesOf(config.escalateExpression)
  if (userIds.length === 0 && roles.length === 0 && references.length === 0) {
    throw new NodeError(
      'validation',
      'Escalation needs approvers to escalate to (users, roles or an expression)',
      { code: 'invalid_escalation' }
    )
  }
  let dueInMs: number | null = null
  if (config.escalateDueIn) {
    dueInMs = parseDuration(config.escalateDueIn)
    if (dueInMs === null || dueInMs <= 0)
      throw new NodeError('validation', `"${config.escalateDueIn}" is not a duration`, {
        code: 'invalid_escalation',
      })
  }
  const then = config.afterEscalation ?? 'timed_out'
  return {
    mode: config.onTimeout === 'reassign' ? 'reassign' : 'add',
    userIds,
    roles,
    references,
    dueInMs,
    then: ['approve', 'reject'].includes(then) ? then : 'timed_out',
  }
}
