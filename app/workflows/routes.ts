/*
 * Workflow JSON API (/api/v1). Every route but the webhook needs a signed-in member of the
 * tenant; roles are checked in the controllers (reads: viewer, writes: builder). The webhook
 * endpoint authenticates with its URL token (and optional HMAC), not a session.
 */
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const WorkflowsController = () => import('#workflows/controllers/workflows_controller')
const ExecutionsController = () => import('#workflows/controllers/executions_controller')
const NodeTypesController = () => import('#workflows/controllers/node_types_controller')
const WebhooksController = () => import('#workflows/controllers/webhooks_controller')
const NotificationsController = () => import('#workflows/controllers/notifications_controller')
const WorkflowSearchController = () => import('#workflows/controllers/workflow_search_controller')

export const WEBHOOK_ROUTE = '/api/v1/hooks/:workflowId/:token'

router
  .group(() => {
    router.get('/workflows', [WorkflowsController, 'index']).as('workflows.index')
    // Fixed paths before /workflows/:id.
    router.get('/workflows/search', [WorkflowSearchController, 'search']).as('workflows.search')
    router.get('/workflows/tags', [WorkflowSearchController, 'tags']).as('workflows.tags')
    router.post('/workflows', [WorkflowsController, 'store']).as('workflows.store')
    router.get('/workflows/:id', [WorkflowsController, 'show']).as('workflows.show')
    router.patch('/workflows/:id', [WorkflowsController, 'update']).as('workflows.update')
    router.delete('/workflows/:id', [WorkflowsController, 'destroy']).as('workflows.destroy')
    router.put('/workflows/:id/draft', [WorkflowsController, 'saveDraft']).as('workflows.draft')
    router
      .post('/workflows/:id/validate', [WorkflowsController, 'validate'])
      .as('workflows.validate')
    router.post('/workflows/:id/publish', [WorkflowsController, 'publish']).as('workflows.publish')
    router
      .post('/workflows/:id/activate', [WorkflowsController, 'activate'])
      .as('workflows.activate')
    router.post('/workflows/:id/pause', [WorkflowsController, 'pause']).as('workflows.pause')
    router.post('/workflows/:id/archive', [WorkflowsController, 'archive']).as('workflows.archive')
    router.post('/workflows/:id/run', [WorkflowsController, 'run']).as('workflows.run')
    router
      .get('/workflows/:id/versions', [WorkflowsController, 'versions'])
      .as('workflows.versions')
    router
      .get('/workflows/:id/versions/:number', [WorkflowsController, 'version'])
      .as('workflows.version')

    router.get('/executions', [ExecutionsController, 'index']).as('executions.index')
    router.get('/executions/:id', [ExecutionsController, 'show']).as('executions.show')
    router.post('/executions/:id/cancel', [ExecutionsController, 'cancel']).as('executions.cancel')

    router.get('/node-types', [NodeTypesController, 'index']).as('node_types.index')

    router.get('/notifications', [NotificationsController, 'index']).as('notifications.index')
    router
      .post('/notifications/read-all', [NotificationsController, 'markAllRead'])
      .as('notifications.read_all')
    router
      .post('/notifications/:id/read', [NotificationsController, 'markRead'])
      .as('notifications.read')
  })
  .prefix('/api/v1')
  .as('api.v1')
  .use([middleware.auth(), middleware.tenant()])

router.post(WEBHOOK_ROUTE, [WebhooksController, 'handle']).as('api.v1.hooks')

/*
 * External systems cannot send a CSRF token: the webhook route is exempt (it is authenticated by
 * its token/HMAC instead). The shield config keeps its own list; adding ours here keeps the
 * exemption next to the route it concerns.
 */
const csrf = app.config.get<{ exceptRoutes?: unknown }>('shield.csrf', {})
if (Array.isArray(csrf.exceptRoutes) && !csrf.exceptRoutes.includes(WEBHOOK_ROUTE)) {
  csrf.exceptRoutes.push(WEBHOOK_ROUTE)
}
