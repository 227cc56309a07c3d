/**
 * The node registry (C3): the single source for the builder palette, its property forms,
 * validation and execution. `publicList()` is what GET /api/v1/node-types serves.
 */
import type { NodeDefinition, PublicNodeType } from './types.js'
import { manualTrigger } from './triggers/manual.js'
import { entityEventTrigger } from './triggers/entity_event.js'
import { crmEventTrigger } from './triggers/crm_event.js'
import { webhookTrigger } from './triggers/webhook.js'
import { scheduleTrigger } from './triggers/schedule.js'
import { conditionNode } from './control/condition.js'
import { switchNode } from './control/switch.js'
import { parallelNode } from './control/parallel.js'
import { loopNode } from './control/loop.js'
import { delayNode } from './control/delay.js'
import { notificationNode } from './actions/notification.js'
import { createEntityNode } from './actions/create_entity.js'
import { updateEntityNode } from './actions/update_entity.js'
import { httpRequestNode } from './actions/http_request.js'
import { setVariablesNode } from './actions/set_variables.js'
import { tryCatchNode } from './control/try_catch.js'
import { approvalNode } from './actions/approval.js'
import { waitForEventNode } from './control/wait_for_event.js'
import { waitForCallbackNode } from './control/wait_for_callback.js'
import { subWorkflowNode } from './actions/sub_workflow.js'
import { returnNode } from './control/return.js'

export function toPublicNodeType(definition: NodeDefinition): PublicNodeType {
  const { trigger, ...rest } = definition as Partial<NodeDefinition>
  delete rest.execute
  // JSON round trip: drops TypeBox symbols so the server and the browser see the same thing.
  const plain = JSON.parse(JSON.stringify(rest)) as Omit<PublicNodeType, 'trigger'>
  return trigger ? { ...plain, trigger: { kind: trigger.kind } } : plain
}

export class NodeRegistry {
  #definitions = new Map<string, NodeDefinition>()
  #public: PublicNodeType[] | null = null
  #publicMap: Map<string, PublicNodeType> | null = null

  register(definition: NodeDefinition) {
    if (!/^[a-z][a-z0-9_.]*$/.test(definition.type)) {
      throw new Error(`Node type "${definition.type}" must be lower snake_case`)
    }
    this.#definitions.set(definition.type, definition)
    this.#public = null
    this.#publicMap = null
    return this
  }

  has(type: string) {
    return this.#definitions.has(type)
  }

  get(type: string): NodeDefinition | undefined {
    return this.#definitions.get(type)
  }

  getOrFail(type: string): NodeDefinition {
    const definition = this.#definitions.get(type)
    if (!definition) throw new Error(`Unknown node type "${type}"`)
    return definition
  }

  list(): NodeDefinition[] {
    return [...this.#definitions.values()]
  }

  /** JSON-safe definitions (cached; pass to validateGraph / compileWorkflow). */
  publicList(): PublicNodeType[] {
    this.#public ??= this.list().map(toPublicNodeType)
    return this.#public
  }

  publicMap(): Map<string, PublicNodeType> {
    this.#publicMap ??= new Map(this.publicList().map((type) => [type.type, type]))
    return this.#publicMap
  }
}

export const BUILT_IN_NODES: NodeDefinition[] = [
  manualTrigger,
  entityEventTrigger,
  crmEventTrigger,
  webhookTrigger,
  scheduleTrigger,
  conditionNode,
  switchNode,
  parallelNode,
  loopNode,
  delayNode,
  notificationNode,
  createEntityNode,
  updateEntityNode,
  httpRequestNode,
  setVariablesNode,
  tryCatchNode,
  approvalNode,
  waitForEventNode,
  waitForCallbackNode,
  subWorkflowNode,
  returnNode,
]

export const nodeRegistry = new NodeRegistry()
for (const definition of BUILT_IN_NODES) nodeRegistry.register(definition)
