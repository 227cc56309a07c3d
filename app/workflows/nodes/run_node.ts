/**
 * Runs one node for a ready step: renders the config's expressions, applies the timeout (the
 * step's `signal` aborts, and a node ignoring it is abandoned), and turns every failure into a
 * categorised NodeError. The runtime calls this; node tests use it too.
 */
import { renderConfig, ExpressionError } from '../engine/expressions.js'
import type { ExpressionContext } from '../engine/context.js'
import { NodeError, type NodeContext, type NodeDefinition, type NodeResult } from './types.js'
import { classifyError } from './errors.js'

export type RunNodeResult =
  | { ok: true; result: NodeResult; durationMs: number }
  | { ok: false; error: NodeError; durationMs: number }

export type RunNodeInput = Omit<NodeContext, 'config' | 'rawConfig' | 'signal' | 'expression'> & {
  rawConfig: Record<string, unknown>
  expression: ExpressionContext
  signal?: AbortSignal
  timeoutMs?: number
}

export async function runNode(
  definition: NodeDefinition,
  input: RunNodeInput
): Promise<RunNodeResult> {
  const started = performance.now()
  const timeoutMs = input.timeoutMs ?? definition.timeoutMs
  const controller = new AbortController()
  const timer = setTimeout(
    () => controller.abort(new DOMException('The step timed out', 'TimeoutError')),
    timeoutMs
  )
  const signal = input.signal
    ? AbortSignal.any([input.signal, controller.signal])
    : controller.signal
  let onAbort: (() => void) | undefined
  try {
    let config: Record<string, unknown>
    try {
      config = renderConfig({ ...definition.defaults, ...input.rawConfig }, input.expression)
    } catch (error) {
      if (error instanceof ExpressionError)
        throw new NodeError('validation', error.message, { code: 'expression' })
      throw error
    }
    const context: Partial<RunNodeInput> = { ...input }
    delete context.timeoutMs
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError'))
      signal.addEventListener('abort', onAbort, { once: true })
    })
    const result = await Promise.race([
      definition.execute({ ...(context as RunNodeInput), config, signal }),
      aborted,
    ])
    return { ok: true, result, durationMs: performance.now() - started }
  } catch (error) {
    const nodeError =
      signal.aborted && !(error instanceof NodeError)
        ? new NodeError('timeout', `${definition.label} did not finish within ${timeoutMs} ms`, {
            code: 'step_timeout',
          })
        : classifyError(error)
    return { ok: false, error: nodeError, durationMs: performance.now() - started }
  } finally {
    clearTimeout(timer)
    if (onAbort) signal.removeEventListener('abort', onAbort)
  }
}
