/**
 * Before publishing a workflow others call: does each caller's parameter mapping still fit the
 * new input form (required fields passed, no undeclared keys, literal values of the right type),
 * and does the new version still return the result keys the caller reads
 * (`steps.<callNode>.result.<key>`)? Calls pinned to a version are not checked: publishing does
 * not change what they run. Pure: graphs in, warnings out.
 */
import type { WorkflowGraph } from '#workflows/engine/graph'
import {
  inputFormOf,
  resultKeysUsed,
  returnKeysOf,
  type WorkflowCall,
} from '#workflows/dependencies/graph_dependencies'
import type { GraphSource, ImpactWarning, WorkflowRef } from '#workflows/dependencies/types'

export interface CallerGraph {
  workflow: WorkflowRef
  source: GraphSource
  graph: WorkflowGraph
  calls: WorkflowCall[]
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === ''
const isExpression = (value: unknown) => typeof value === 'string' && value.includes('{{')

/** Why a literal (non-expression) value does not fit a form field's type, or null. */
function typeProblem(type: string | undefined, value: unknown): string | null {
  if (isEmpty(value) || isExpression(value)) return null
  if (type === 'number') {
    const number = typeof value === 'number' ? value : Number(value)
    return Number.isFinite(number) ? null : 'a number'
  }
  if (type === 'boolean') {
    return typeof value === 'boolean' || value === 'true' || value === 'false'
      ? null
      : 'true or false'
  }
  return null
}

export function mappingWarnings(newGraph: WorkflowGraph, caller: CallerGraph): ImpactWarning[] {
  const warnings: ImpactWarning[] = []
  const form = inputFormOf(newGraph)
  const returned = returnKeysOf(newGraph)
  const where = (call: WorkflowCall) =>
    `"${caller.workflow.name}"${caller.source === 'draft' ? ' (draft)' : ''}, node "${call.nodeName}"`
  const base = (call: WorkflowCall) => ({ callerId: caller.workflow.id, nodeId: call.nodeId })

  for (const call of caller.calls) {
    if (call.version !== null) continue
    if (form) {
      const declared = new Set(form.map((field) => field.key))
      for (const field of form) {
        const value = call.parameters[field.key]
        const name = field.label ? `"${field.label}" (${field.key})` : `"${field.key}"`
        if (field.required && field.default === undefined && isEmpty(value)) {
          warnings.push({
            code: 'missing_parameter',
            key: field.key,
            message: `${where(call)} does not pass ${name}, which the new version requires`,
            ...base(call),
          })
          continue
        }
        const expected = typeProblem(field.type, value)
        if (expected) {
          warnings.push({
            code: 'parameter_type',
            key: field.key,
            message: `${where(call)} passes ${JSON.stringify(value)} for ${name}, which must be ${expected}`,
            ...base(call),
          })
        }
      }
      for (const key of Object.keys(call.parameters)) {
        if (declared.has(key)) continue
        warnings.push({
          code: 'unknown_parameter',
          key,
          message: `${where(call)} passes "${key}", which the new version's input form does not declare`,
          ...base(call),
        })
      }
    }
    if (call.mode !== 'sync') continue
    for (const key of resultKeysUsed(caller.graph, call.nodeId).keys()) {
      if (returned.has(key)) continue
      warnings.push({
        code: 'missing_return_value',
        key,
        message: `${where(call)} uses result.${key}, which the new version does not return`,
        ...base(call),
      })
    }
  }
  return warnings
}
