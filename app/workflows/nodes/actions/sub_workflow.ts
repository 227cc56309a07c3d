/**
 * Sub-Workflow: runs another workflow of the tenant, or a library component another tenant
 * shares with it (its latest published version, or a pinned version number), with parameters
 * mapped from this workflow's data; the callee declares its parameters with its manual trigger's
 * form and hands back values with a Return node. A shared component runs under the calling
 * tenant's data and quotas; a foreign workflow that is not shared is refused as not found.
 * - wait for result: this step waits (durably, the worker is released) until the child finishes,
 *   then outputs `{ result }` (the Return values) or fails with the child's error category
 *   (catch it with the error port or a Try/Catch);
 * - fire and forget: continues at once with the child's execution id.
 * Call cycles are refused when publishing; at run time calls deeper than 10 levels fail.
 * The runtime side (child start, resume) lives in app/workflows/versions/subflows/calls.ts.
 */
import { Type } from '@sinclair/typebox'
import { NodeError, type NodeDefinition } from '../types.js'
import { ERROR, IN, OUT, field } from '../shared.js'

export interface SubWorkflowConfig {
  /** Unset until the builder picks the workflow (publishing then reports it required). */
  workflowId?: number
  /** Owner tenant of a shared library component (set by the builder's workflow picker). */
  ownerTenantId?: number | null
  version?: number | null
  mode: 'sync' | 'async'
  parameters: Record<string, unknown>
}

export const subWorkflowNode: NodeDefinition<SubWorkflowConfig> = {
  type: 'sub_workflow',
  category: 'action',
  group: 'Control',
  label: 'Sub-Workflow',
  icon: 'pi pi-sitemap',
  description: 'Run another workflow with parameters and use what it returns.',
  ports: { inputs: [IN], outputs: [OUT, ERROR] },
  configSchema: Type.Object({
    workflowId: Type.Integer({
      minimum: 1,
      ...field('Workflow', 'workflow', {
        help: 'A workflow of this workspace or a library component shared with it',
      }),
    }),
    // Written by the workflow picker next to workflowId; never typed (showIf hides it always).
    ownerTenantId: Type.Optional(
      Type.Union(
        [Type.Integer({ minimum: 1 }), Type.Null()],
        field('Owner workspace', 'number', { showIf: { field: 'ownerTenantId', in: [] } })
      )
    ),
    version: Type.Optional(
      Type.Union(
        [Type.Integer({ minimum: 1 }), Type.Null()],
        field('Version', 'number', { help: 'Empty: the latest published version' })
      )
    ),
    mode: Type.Union([Type.Literal('sync'), Type.Literal('async')], {
      ...field('Mode', 'enum', {
        options: [
          { value: 'sync', label: 'Wait for the result' },
          { value: 'async', label: 'Fire and forget' },
        ],
      }),
    }),
    parameters: Type.Record(
      Type.String(),
      Type.Unknown(),
      field('Parameters', 'keyvalue', {
        help: 'Inputs of the called workflow, e.g. amount = {{trigger.entity.total}}',
      })
    ),
  }),
  defaults: { version: null, mode: 'sync', parameters: {} },
  sideEffects: true,
  timeoutMs: 15_000,
  summary: 'Workflow #{{workflowId}}{{#if version}} v{{version}}{{/if}} ({{mode}})',
  async execute(ctx) {
    const workflowId = Number(ctx.config.workflowId)
    if (!Number.isInteger(workflowId) || workflowId < 1) {
      throw new NodeError('validation', 'Choose the workflow to call', { code: 'no_workflow' })
    }
    const version =
      ctx.config.version === null || ctx.config.version === undefined
        ? null
        : Number(ctx.config.version)
    const mode = ctx.config.mode === 'async' ? 'async' : 'sync'
    // Server-only module, loaded lazily: node definitions stay free of database imports.
    const calls = await import('../../versions/subflows/calls.js')
    const child = await calls.callSubworkflow({
      tenantId: ctx.tenantId,
      executionId: Number(ctx.executionId),
      nodeId: ctx.nodeId,
      scopeKey: ctx.scopeKey,
      workflowId,
      ownerTenantId: ctx.config.ownerTenantId ? Number(ctx.config.ownerTenantId) : null,
      version,
      mode,
      parameters: { ...(ctx.config.parameters ?? {}) },
    })
    const base = { childExecutionId: child.childExecutionId, workflowId, mode }
    if (mode === 'async') return { output: { ...base, status: 'started' } }
    if (['succeeded', 'failed', 'cancelled'].includes(child.status)) {
      return { output: { ...base, ...calls.childResult(child) } }
    }
    return {
      output: { ...base, status: 'waiting' },
      wait: {
        kind: calls.SUBWORKFLOW_WAIT_KIND as 'event',
        data: { childExecutionId: child.childExecutionId },
      },
    }
  },
}
