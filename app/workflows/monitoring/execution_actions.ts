/**
 * Which execution actions the viewer offers. Cancel is served by the runtime's API; retry from
 * the failed step, skip a step and replay come with the recovery services (issue 5). A button is
 * only shown when its endpoint is registered AND the member's role allows it, so the viewer never
 * ships a button that cannot work.
 */
import router from '@adonisjs/core/services/router'
import { roleAtLeast, type Role } from '#core/roles'

export const EXECUTION_ACTIONS = ['cancel', 'retry', 'skip', 'replay'] as const
export type ExecutionAction = (typeof EXECUTION_ACTIONS)[number]

/** Role needed for every action: a viewer may watch but never change an execution. */
export const ACTION_MINIMUM_ROLE: Role = 'builder'

function endpointExists(action: ExecutionAction) {
  try {
    return router.match(`/api/v1/executions/1/${action}`, 'POST', false) !== null
  } catch {
    return false
  }
}

export function executionActions(role: Role | null | undefined): Record<ExecutionAction, boolean> {
  const allowed = roleAtLeast(role, ACTION_MINIMUM_ROLE)
  return Object.fromEntries(
    EXECUTION_ACTIONS.map((action) => [action, allowed && endpointExists(action)])
  ) as Record<ExecutionAction, boolean>
}
