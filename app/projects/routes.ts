/* Projects, milestones and tasks (viewer reads, builder writes). */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ProjectsController = () => import('#projects/controllers/projects_controller')

router
  .group(() => {
    router.get('/projects', [ProjectsController, 'index']).as('projects.index')
    router.post('/projects', [ProjectsController, 'store']).as('projects.store')
    router
      .group(() => {
        router.get('/projects/:id', [ProjectsController, 'show']).as('projects.show')
        router.put('/projects/:id', [ProjectsController, 'update']).as('projects.update')
        router
          .post('/projects/:id/milestones', [ProjectsController, 'storeMilestone'])
          .as('projects.milestones.store')
        router
          .put('/projects/milestones/:id', [ProjectsController, 'updateMilestone'])
          .as('projects.milestones.update')
        router
          .post('/projects/milestones/:id/reach', [ProjectsController, 'reachMilestone'])
          .as('projects.milestones.reach')
        router
          .post('/projects/:id/tasks', [ProjectsController, 'storeTask'])
          .as('projects.tasks.store')
        router
          .put('/projects/tasks/:id', [ProjectsController, 'updateTask'])
          .as('projects.tasks.update')
      })
      .where('id', router.matchers.number())
  })
  .use([middleware.auth(), middleware.tenant()])
