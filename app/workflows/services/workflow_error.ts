import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

export interface WorkflowIssue {
  code: string
  message: string
  field?: string
  nodeId?: string
  edgeId?: string
  path?: string
}

/**
 * A request the workflow module refuses for a reason the client can fix (invalid graph on
 * publish, running an unpublished workflow, cancelling a finished execution). Answers JSON
 * `{ errors: [...] }` where each entry names the node / field path when there is one.
 */
export class WorkflowError extends Exception {
  constructor(
    message: string,
    readonly issues: WorkflowIssue[] = [],
    options: { status?: number; code?: string } = {}
  ) {
    super(message, { status: options.status ?? 422, code: options.code ?? 'E_WORKFLOW' })
  }

  async handle(error: this, ctx: HttpContext) {
    return ctx.response.status(error.status).send(error.toJSON())
  }

  toJSON() {
    const errors = this.issues.length
      ? this.issues
      : [{ code: this.code ?? 'E_WORKFLOW', message: this.message }]
    return { message: this.message, errors }
  }
}

/**
 * Runs `action`; a WorkflowError becomes its JSON answer (the app's error handler only knows
 * generic shapes, without node ids and field paths), anything else propagates.
 */
export async function answerWorkflowErrors<T>(
  response: HttpContext['response'],
  action: () => Promise<T>
): Promise<T | void> {
  try {
    return await action()
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error
    response.status(error.status).send(error.toJSON())
  }
}
