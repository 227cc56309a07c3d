/**
 * The open document's store is provided by the builder page and injected by canvas nodes,
 * panels and widgets, so deep components need no prop drilling.
 */
import { inject, type InjectionKey } from 'vue'
import type { WorkflowDocumentStore } from './workflow_document.js'

export const WorkflowDocumentKey: InjectionKey<WorkflowDocumentStore> = Symbol('workflow-document')

export function useDocument(): WorkflowDocumentStore {
  const store = inject(WorkflowDocumentKey)
  if (!store) throw new Error('useDocument() outside of a workflow builder')
  return store
}
