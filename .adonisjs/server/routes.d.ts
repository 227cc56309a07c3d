import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'api.v1.callbacks': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'tenants.switch': { paramsTuple?: []; params?: {} }
    'settings.theme': { paramsTuple?: []; params?: {} }
    'settings.profile': { paramsTuple?: []; params?: {} }
    'settings.profile.update': { paramsTuple?: []; params?: {} }
    'settings.password': { paramsTuple?: []; params?: {} }
    'members.index': { paramsTuple?: []; params?: {} }
    'members.store': { paramsTuple?: []; params?: {} }
    'members.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'members.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'entities.index': { paramsTuple?: []; params?: {} }
    'entities.show': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'domainEvents.index': { paramsTuple?: []; params?: {} }
    'crm.leads.index': { paramsTuple?: []; params?: {} }
    'crm.leads.store': { paramsTuple?: []; params?: {} }
    'crm.leads.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.leads.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.leads.convert': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.index': { paramsTuple?: []; params?: {} }
    'crm.deals.board': { paramsTuple?: []; params?: {} }
    'crm.deals.store': { paramsTuple?: []; params?: {} }
    'crm.deals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.move': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.win': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.lose': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.accounts.index': { paramsTuple?: []; params?: {} }
    'crm.accounts.store': { paramsTuple?: []; params?: {} }
    'crm.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.accounts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.contacts.index': { paramsTuple?: []; params?: {} }
    'crm.contacts.store': { paramsTuple?: []; params?: {} }
    'crm.contacts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.contacts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.quotes.index': { paramsTuple?: []; params?: {} }
    'crm.quotes.store': { paramsTuple?: []; params?: {} }
    'crm.quotes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.quotes.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.quotes.send': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.quotes.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.quotes.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.activities.index': { paramsTuple?: []; params?: {} }
    'crm.activities.store': { paramsTuple?: []; params?: {} }
    'crm.activities.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.activities.complete': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.index': { paramsTuple?: []; params?: {} }
    'invoices.create': { paramsTuple?: []; params?: {} }
    'invoices.store': { paramsTuple?: []; params?: {} }
    'invoices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.send': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.void': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.index': { paramsTuple?: []; params?: {} }
    'payments.store': { paramsTuple?: []; params?: {} }
    'payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.index': { paramsTuple?: []; params?: {} }
    'projects.store': { paramsTuple?: []; params?: {} }
    'projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.milestones.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.milestones.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.milestones.reach': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.tasks.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.tasks.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expenses.index': { paramsTuple?: []; params?: {} }
    'expenses.store': { paramsTuple?: []; params?: {} }
    'budgets.index': { paramsTuple?: []; params?: {} }
    'budgets.store': { paramsTuple?: []; params?: {} }
    'expenses.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expenses.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expenses.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'budgets.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inventory.items.index': { paramsTuple?: []; params?: {} }
    'inventory.items.store': { paramsTuple?: []; params?: {} }
    'inventory.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inventory.items.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inventory.movements.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.index': { paramsTuple?: []; params?: {} }
    'documents.store': { paramsTuple?: []; params?: {} }
    'contracts.index': { paramsTuple?: []; params?: {} }
    'contracts.store': { paramsTuple?: []; params?: {} }
    'documents.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor.executions': { paramsTuple?: []; params?: {} }
    'monitor.executions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor.workflow_executions': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor.metrics': { paramsTuple?: []; params?: {} }
    'monitor.queues': { paramsTuple?: []; params?: {} }
    'monitor_api.executions': { paramsTuple?: []; params?: {} }
    'monitor_api.execution': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor_api.payload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor_api.metrics': { paramsTuple?: []; params?: {} }
    'monitor_api.queues': { paramsTuple?: []; params?: {} }
    'monitor_api.record_automation': { paramsTuple: [ParamValue,ParamValue]; params: {'entityType': ParamValue,'entityId': ParamValue} }
    'workflows.index': { paramsTuple?: []; params?: {} }
    'workflows.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.index': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.search': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.tags': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.store': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.draft': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.validate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.pause': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.run': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.versions': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.version': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'number': ParamValue} }
    'api.v1.executions.index': { paramsTuple?: []; params?: {} }
    'api.v1.executions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.executions.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.node_types.index': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.read_all': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.read': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.hooks': { paramsTuple: [ParamValue,ParamValue]; params: {'workflowId': ParamValue,'token': ParamValue} }
    'api.v1.executions.retry': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.executions.skip': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.executions.replay': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.dead_letters.index': { paramsTuple?: []; params?: {} }
    'api.v1.dead_letters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.reliability': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.reliability.save': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.reliability.analytics': { paramsTuple?: []; params?: {} }
    'api.v1.reliability.queue': { paramsTuple?: []; params?: {} }
    'api.v1.reliability.queue.action': { paramsTuple?: []; params?: {} }
    'api.v1.reliability.quotas': { paramsTuple?: []; params?: {} }
    'api.v1.reliability.quotas.save': { paramsTuple?: []; params?: {} }
    'approvals.page': { paramsTuple?: []; params?: {} }
    'approvals.link.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'approvals.link.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'api.v1.approvals.index': { paramsTuple?: []; params?: {} }
    'api.v1.approvals.history': { paramsTuple?: []; params?: {} }
    'api.v1.approvals.bulk': { paramsTuple?: []; params?: {} }
    'api.v1.approvals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.approvals.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workflows.versions.page': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.diff': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.rollback': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'number': ParamValue} }
    'workflows.library.page': { paramsTuple: [ParamValue]; params: {'workflowId': ParamValue} }
    'api.v1.library.index': { paramsTuple?: []; params?: {} }
    'api.v1.library.callables': { paramsTuple?: []; params?: {} }
    'api.v1.library.definition': { paramsTuple: [ParamValue]; params: {'workflowId': ParamValue} }
    'api.v1.library.component': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.library.mark': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.library.unmark': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.library.share': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.library.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'shareId': ParamValue} }
    'workflows.dependencies.page': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.dependencies.index': { paramsTuple?: []; params?: {} }
    'api.v1.dependencies.impact': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.dependencies': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.impact': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.impact_of_graph': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  POST: {
    'api.v1.callbacks': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'tenants.switch': { paramsTuple?: []; params?: {} }
    'members.store': { paramsTuple?: []; params?: {} }
    'crm.leads.store': { paramsTuple?: []; params?: {} }
    'crm.leads.convert': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.store': { paramsTuple?: []; params?: {} }
    'crm.deals.move': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.win': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.lose': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.accounts.store': { paramsTuple?: []; params?: {} }
    'crm.contacts.store': { paramsTuple?: []; params?: {} }
    'crm.quotes.store': { paramsTuple?: []; params?: {} }
    'crm.quotes.send': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.quotes.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.quotes.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.activities.store': { paramsTuple?: []; params?: {} }
    'crm.activities.complete': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.store': { paramsTuple?: []; params?: {} }
    'invoices.send': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.void': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.store': { paramsTuple?: []; params?: {} }
    'projects.store': { paramsTuple?: []; params?: {} }
    'projects.milestones.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.milestones.reach': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.tasks.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expenses.store': { paramsTuple?: []; params?: {} }
    'budgets.store': { paramsTuple?: []; params?: {} }
    'expenses.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expenses.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inventory.items.store': { paramsTuple?: []; params?: {} }
    'inventory.movements.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.store': { paramsTuple?: []; params?: {} }
    'contracts.store': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.store': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.validate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.pause': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.run': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.executions.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.notifications.read_all': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.read': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.hooks': { paramsTuple: [ParamValue,ParamValue]; params: {'workflowId': ParamValue,'token': ParamValue} }
    'api.v1.executions.retry': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.executions.skip': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.executions.replay': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.reliability.queue.action': { paramsTuple?: []; params?: {} }
    'approvals.link.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'api.v1.approvals.bulk': { paramsTuple?: []; params?: {} }
    'api.v1.approvals.decide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.rollback': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'number': ParamValue} }
    'api.v1.library.share': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.impact_of_graph': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  GET: {
    'event_stream': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'settings.profile': { paramsTuple?: []; params?: {} }
    'members.index': { paramsTuple?: []; params?: {} }
    'entities.index': { paramsTuple?: []; params?: {} }
    'entities.show': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'domainEvents.index': { paramsTuple?: []; params?: {} }
    'crm.leads.index': { paramsTuple?: []; params?: {} }
    'crm.leads.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.index': { paramsTuple?: []; params?: {} }
    'crm.deals.board': { paramsTuple?: []; params?: {} }
    'crm.deals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.accounts.index': { paramsTuple?: []; params?: {} }
    'crm.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.contacts.index': { paramsTuple?: []; params?: {} }
    'crm.contacts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.quotes.index': { paramsTuple?: []; params?: {} }
    'crm.quotes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.activities.index': { paramsTuple?: []; params?: {} }
    'invoices.index': { paramsTuple?: []; params?: {} }
    'invoices.create': { paramsTuple?: []; params?: {} }
    'invoices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.index': { paramsTuple?: []; params?: {} }
    'payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.index': { paramsTuple?: []; params?: {} }
    'projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expenses.index': { paramsTuple?: []; params?: {} }
    'budgets.index': { paramsTuple?: []; params?: {} }
    'inventory.items.index': { paramsTuple?: []; params?: {} }
    'inventory.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.index': { paramsTuple?: []; params?: {} }
    'contracts.index': { paramsTuple?: []; params?: {} }
    'documents.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor.executions': { paramsTuple?: []; params?: {} }
    'monitor.executions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor.workflow_executions': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor.metrics': { paramsTuple?: []; params?: {} }
    'monitor.queues': { paramsTuple?: []; params?: {} }
    'monitor_api.executions': { paramsTuple?: []; params?: {} }
    'monitor_api.execution': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor_api.payload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor_api.metrics': { paramsTuple?: []; params?: {} }
    'monitor_api.queues': { paramsTuple?: []; params?: {} }
    'monitor_api.record_automation': { paramsTuple: [ParamValue,ParamValue]; params: {'entityType': ParamValue,'entityId': ParamValue} }
    'workflows.index': { paramsTuple?: []; params?: {} }
    'workflows.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.index': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.search': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.tags': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.versions': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.version': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'number': ParamValue} }
    'api.v1.executions.index': { paramsTuple?: []; params?: {} }
    'api.v1.executions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.node_types.index': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.dead_letters.index': { paramsTuple?: []; params?: {} }
    'api.v1.dead_letters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.reliability': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.reliability.analytics': { paramsTuple?: []; params?: {} }
    'api.v1.reliability.queue': { paramsTuple?: []; params?: {} }
    'api.v1.reliability.quotas': { paramsTuple?: []; params?: {} }
    'approvals.page': { paramsTuple?: []; params?: {} }
    'approvals.link.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'api.v1.approvals.index': { paramsTuple?: []; params?: {} }
    'api.v1.approvals.history': { paramsTuple?: []; params?: {} }
    'api.v1.approvals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workflows.versions.page': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.diff': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workflows.library.page': { paramsTuple: [ParamValue]; params: {'workflowId': ParamValue} }
    'api.v1.library.index': { paramsTuple?: []; params?: {} }
    'api.v1.library.callables': { paramsTuple?: []; params?: {} }
    'api.v1.library.definition': { paramsTuple: [ParamValue]; params: {'workflowId': ParamValue} }
    'api.v1.library.component': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workflows.dependencies.page': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.dependencies.index': { paramsTuple?: []; params?: {} }
    'api.v1.dependencies.impact': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.dependencies': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.impact': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  HEAD: {
    'event_stream': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'settings.profile': { paramsTuple?: []; params?: {} }
    'members.index': { paramsTuple?: []; params?: {} }
    'entities.index': { paramsTuple?: []; params?: {} }
    'entities.show': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'domainEvents.index': { paramsTuple?: []; params?: {} }
    'crm.leads.index': { paramsTuple?: []; params?: {} }
    'crm.leads.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.index': { paramsTuple?: []; params?: {} }
    'crm.deals.board': { paramsTuple?: []; params?: {} }
    'crm.deals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.accounts.index': { paramsTuple?: []; params?: {} }
    'crm.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.contacts.index': { paramsTuple?: []; params?: {} }
    'crm.contacts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.quotes.index': { paramsTuple?: []; params?: {} }
    'crm.quotes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.activities.index': { paramsTuple?: []; params?: {} }
    'invoices.index': { paramsTuple?: []; params?: {} }
    'invoices.create': { paramsTuple?: []; params?: {} }
    'invoices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.index': { paramsTuple?: []; params?: {} }
    'payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.index': { paramsTuple?: []; params?: {} }
    'projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expenses.index': { paramsTuple?: []; params?: {} }
    'budgets.index': { paramsTuple?: []; params?: {} }
    'inventory.items.index': { paramsTuple?: []; params?: {} }
    'inventory.items.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.index': { paramsTuple?: []; params?: {} }
    'contracts.index': { paramsTuple?: []; params?: {} }
    'documents.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor.executions': { paramsTuple?: []; params?: {} }
    'monitor.executions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor.workflow_executions': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor.metrics': { paramsTuple?: []; params?: {} }
    'monitor.queues': { paramsTuple?: []; params?: {} }
    'monitor_api.executions': { paramsTuple?: []; params?: {} }
    'monitor_api.execution': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor_api.payload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'monitor_api.metrics': { paramsTuple?: []; params?: {} }
    'monitor_api.queues': { paramsTuple?: []; params?: {} }
    'monitor_api.record_automation': { paramsTuple: [ParamValue,ParamValue]; params: {'entityType': ParamValue,'entityId': ParamValue} }
    'workflows.index': { paramsTuple?: []; params?: {} }
    'workflows.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.index': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.search': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.tags': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.versions': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.version': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'number': ParamValue} }
    'api.v1.executions.index': { paramsTuple?: []; params?: {} }
    'api.v1.executions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.node_types.index': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.dead_letters.index': { paramsTuple?: []; params?: {} }
    'api.v1.dead_letters.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.reliability': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.reliability.analytics': { paramsTuple?: []; params?: {} }
    'api.v1.reliability.queue': { paramsTuple?: []; params?: {} }
    'api.v1.reliability.quotas': { paramsTuple?: []; params?: {} }
    'approvals.page': { paramsTuple?: []; params?: {} }
    'approvals.link.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'api.v1.approvals.index': { paramsTuple?: []; params?: {} }
    'api.v1.approvals.history': { paramsTuple?: []; params?: {} }
    'api.v1.approvals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workflows.versions.page': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.diff': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workflows.library.page': { paramsTuple: [ParamValue]; params: {'workflowId': ParamValue} }
    'api.v1.library.index': { paramsTuple?: []; params?: {} }
    'api.v1.library.callables': { paramsTuple?: []; params?: {} }
    'api.v1.library.definition': { paramsTuple: [ParamValue]; params: {'workflowId': ParamValue} }
    'api.v1.library.component': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workflows.dependencies.page': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.dependencies.index': { paramsTuple?: []; params?: {} }
    'api.v1.dependencies.impact': { paramsTuple?: []; params?: {} }
    'api.v1.workflows.dependencies': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.impact': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PATCH: {
    'settings.theme': { paramsTuple?: []; params?: {} }
    'settings.profile.update': { paramsTuple?: []; params?: {} }
    'settings.password': { paramsTuple?: []; params?: {} }
    'members.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  DELETE: {
    'members.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.library.unmark': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.library.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'shareId': ParamValue} }
  }
  PUT: {
    'crm.leads.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.deals.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.accounts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.contacts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.quotes.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'crm.activities.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invoices.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'payments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.milestones.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.tasks.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'expenses.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'budgets.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'inventory.items.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'documents.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'contracts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.draft': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.workflows.reliability.save': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.reliability.quotas.save': { paramsTuple?: []; params?: {} }
    'api.v1.library.mark': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}