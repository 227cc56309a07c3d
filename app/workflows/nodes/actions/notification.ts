/** In-app notification to users and/or everyone holding some roles; pushed live by the runtime. */
import { Type } from '@sinclair/typebox'
import { ROLES, type Role } from '../../../core/roles.js'
import { NodeError, type NodeDefinition } from '../types.js'
import { ERROR, IN, OUT, field } from '../shared.js'

export interface NotificationConfig {
  recipients: { userIds?: Array<number | string>; roles?: Role[] }
  title: string
  body?: string
  link?: string
  severity: 'info' | 'success' | 'warning' | 'error'
}

export const notificationNode: NodeDefinition<NotificationConfig> = {
  type: 'notification',
  category: 'action',
  group: 'Actions',
  label: 'Notify',
  icon: 'pi pi-bell',
  description: 'Send an in-app notification to users or roles.',
  ports: { inputs: [IN], outputs: [OUT, ERROR] },
  configSchema: Type.Object({
    recipients: Type.Object(
      {
        userIds: Type.Optional(
          Type.Array(Type.Union([Type.Integer({ minimum: 1 }), Type.String()]), { title: 'Users' })
        ),
        roles: Type.Optional(
          Type.Array(Type.Union(ROLES.map((role) => Type.Literal(role))), { title: 'Roles' })
        ),
      },
      field('Recipients', 'recipients')
    ),
    title: Type.String({
      minLength: 1,
      maxLength: 200,
      ...field('Title', 'expression', { placeholder: 'Invoice {{invoice.number}} is overdue' }),
    }),
    body: Type.Optional(Type.String({ maxLength: 2000, ...field('Message', 'textarea') })),
    link: Type.Optional(
      Type.String({
        maxLength: 500,
        ...field('Link', 'expression', { placeholder: '/invoices/{{invoice.id}}' }),
      })
    ),
    severity: Type.Union(
      ['info', 'success', 'warning', 'error'].map((value) => Type.Literal(value)),
      field('Severity', 'enum')
    ),
  }),
  defaults: {
    recipients: { userIds: [], roles: ['admin'] },
    title: '',
    body: '',
    severity: 'info',
  },
  sideEffects: true,
  timeoutMs: 10_000,
  summary: '{{title}}',
  async execute(ctx) {
    const { recipients, title, body, link, severity } = ctx.config
    const userIds = (recipients?.userIds ?? [])
      .map((id) => Number(id))
      .filter((id) => Number.isInteger(id) && id > 0)
    const roles = (recipients?.roles ?? []).filter((role) => ROLES.includes(role))
    if (userIds.length === 0 && roles.length === 0) {
      throw new NodeError('validation', 'Choose at least one user or role to notify', {
        code: 'no_recipients',
      })
    }
    if (!title?.trim())
      throw new NodeError('validation', 'The notification title is empty', { code: 'empty_title' })
    const result = await ctx.services.notify({
      userIds,
      roles,
      title: title.slice(0, 200),
      body: body ?? '',
      link: link || null,
      severity,
      idempotencyKey: ctx.idempotencyKey,
    })
    return { output: { delivered: result.delivered, title } }
  },
}
