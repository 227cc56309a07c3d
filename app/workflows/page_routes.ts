/*
 * Inertia pages of the workflow module (the JSON API lives in app/workflows/routes.ts).
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const WorkflowPagesController = () => import('#workflows/controllers/workflow_pages_controller')

router
  .group(() => {
    router.get('/workflows', [WorkflowPagesController, 'index']).as('workflows.index')
    router
      .get('/workflows/:id', [WorkflowPagesController, 'show'])
      .where('id', router.matchers.number())
      .as('workflows.show')
  })
  .use([middleware.auth(), middleware.tenant()])
