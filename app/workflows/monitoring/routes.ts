/*
 * Live monitor: pages (executions list and viewer, metrics, queues) and their JSON API. Execution
 * actions (cancel, ...) are the runtime's endpoints under /api/v1/executions/:id/….
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const MonitorPagesController = () => import('#workflows/monitoring/monitor_pages_controller')
const MonitorApiController = () => import('#workflows/monitoring/monitor_api_controller')

router
  .group(() => {
    router.get('/executions', [MonitorPagesController, 'executions']).as('monitor.executions')
    router
      .get('/executions/:id', [MonitorPagesController, 'show'])
      .where('id', router.matchers.number())
      .as('monitor.executions.show')
    router
      .get('/workflows/:id/executions', [MonitorPagesController, 'executions'])
      .where('id', router.matchers.number())
      .as('monitor.workflow_executions')
    router.get('/workflows/metrics', [MonitorPagesController, 'metrics']).as('monitor.metrics')
    router.get('/workflows/queues', [MonitorPagesController, 'queues']).as('monitor.queues')
  })
  .use([middleware.auth(), middleware.tenant()])

router
  .group(() => {
    router.get('/monitor/executions', [MonitorApiController, 'executions'])
    router
      .get('/monitor/executions/:id', [MonitorApiController, 'execution'])
      .where('id', router.matchers.number())
    router
      .get('/monitor/executions/:id/payload', [MonitorApiController, 'payload'])
      .where('id', router.matchers.number())
    router.get('/monitor/metrics', [MonitorApiController, 'metrics'])
    router.get('/monitor/queues', [MonitorApiController, 'queues'])
    router.get('/records/:entityType/:entityId/automation', [
      MonitorApiController,
      'recordAutomation',
    ])
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant()])
