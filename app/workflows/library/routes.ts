/*
 * Workflow library and sharing (issue 8): the JSON API the builder uses (palette "Sub-Flows",
 * workflow picker, "Library & sharing" dialog) and the read-only page of a shared component.
 * Roles are checked in the controller (reads: viewer, mark: builder, share/revoke: admin).
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const LibraryController = () => import('#workflows/library/library_controller')

router
  .get('/workflows/library/:workflowId', [LibraryController, 'page'])
  .where('workflowId', router.matchers.number())
  .as('workflows.library.page')
  .use([middleware.auth(), middleware.tenant()])

router
  .group(() => {
    router.get('/workflow-library', [LibraryController, 'index']).as('library.index')
    router
      .get('/workflow-library/callables', [LibraryController, 'callables'])
      .as('library.callables')
    router
      .get('/workflow-library/:workflowId', [LibraryController, 'definition'])
      .where('workflowId', router.matchers.number())
      .as('library.definition')
    router.get('/workflows/:id/component', [LibraryController, 'show']).as('library.component')
    router.put('/workflows/:id/component', [LibraryController, 'mark']).as('library.mark')
    router.delete('/workflows/:id/component', [LibraryController, 'unmark']).as('library.unmark')
    router.post('/workflows/:id/component/shares', [LibraryController, 'share']).as('library.share')
    router
      .delete('/workflows/:id/component/shares/:shareId', [LibraryController, 'revoke'])
      .where('shareId', router.matchers.number())
      .as('library.revoke')
  })
  .prefix('/api/v1')
  .as('api.v1')
  .use([middleware.auth(), middleware.tenant()])
