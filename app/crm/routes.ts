/*
 * CRM pages and form endpoints (/crm/...). Reads need the viewer role, writes builder (checked in
 * the controllers). Every write answers JSON to JSON clients and redirects page visits.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const LeadsController = () => import('#crm/controllers/leads_controller')
const DealsController = () => import('#crm/controllers/deals_controller')
const AccountsController = () => import('#crm/controllers/accounts_controller')
const ContactsController = () => import('#crm/controllers/contacts_controller')
const QuotesController = () => import('#crm/controllers/quotes_controller')
const ActivitiesController = () => import('#crm/controllers/activities_controller')

router
  .group(() => {
    router.get('/leads', [LeadsController, 'index']).as('leads.index')
    router.post('/leads', [LeadsController, 'store']).as('leads.store')
    router.get('/leads/:id', [LeadsController, 'show']).as('leads.show')
    router.put('/leads/:id', [LeadsController, 'update']).as('leads.update')
    router.post('/leads/:id/convert', [LeadsController, 'convert']).as('leads.convert')

    router.get('/deals', [DealsController, 'index']).as('deals.index')
    router.get('/pipeline', [DealsController, 'board']).as('deals.board')
    router.post('/deals', [DealsController, 'store']).as('deals.store')
    router.get('/deals/:id', [DealsController, 'show']).as('deals.show')
    router.put('/deals/:id', [DealsController, 'update']).as('deals.update')
    router.post('/deals/:id/move', [DealsController, 'move']).as('deals.move')
    router.post('/deals/:id/win', [DealsController, 'win']).as('deals.win')
    router.post('/deals/:id/lose', [DealsController, 'lose']).as('deals.lose')

    router.get('/accounts', [AccountsController, 'index']).as('accounts.index')
    router.post('/accounts', [AccountsController, 'store']).as('accounts.store')
    router.get('/accounts/:id', [AccountsController, 'show']).as('accounts.show')
    router.put('/accounts/:id', [AccountsController, 'update']).as('accounts.update')

    router.get('/contacts', [ContactsController, 'index']).as('contacts.index')
    router.post('/contacts', [ContactsController, 'store']).as('contacts.store')
    router.get('/contacts/:id', [ContactsController, 'show']).as('contacts.show')
    router.put('/contacts/:id', [ContactsController, 'update']).as('contacts.update')

    router.get('/quotes', [QuotesController, 'index']).as('quotes.index')
    router.post('/quotes', [QuotesController, 'store']).as('quotes.store')
    router.get('/quotes/:id', [QuotesController, 'show']).as('quotes.show')
    router.put('/quotes/:id', [QuotesController, 'update']).as('quotes.update')
    router.post('/quotes/:id/send', [QuotesController, 'send']).as('quotes.send')
    router.post('/quotes/:id/accept', [QuotesController, 'accept']).as('quotes.accept')
    router.post('/quotes/:id/decline', [QuotesController, 'decline']).as('quotes.decline')

    router.get('/activities', [ActivitiesController, 'index']).as('activities.index')
    router.post('/activities', [ActivitiesController, 'store']).as('activities.store')
    router.put('/activities/:id', [ActivitiesController, 'update']).as('activities.update')
    router
      .post('/activities/:id/complete', [ActivitiesController, 'complete'])
      .as('activities.complete')
  })
  .prefix('/crm')
  .as('crm')
  .use([middleware.auth(), middleware.tenant()])
