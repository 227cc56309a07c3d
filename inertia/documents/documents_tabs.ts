/** Sections of the documents module, shown as tabs on its pages. */
export const DOCUMENTS_TABS = [
  { label: 'Documents', href: '/documents', icon: 'pi pi-folder' },
  { label: 'Contracts', href: '/documents/contracts', icon: 'pi pi-file-edit' },
]

/** Records a document can belong to (entity registry names). */
export const OWNER_TYPES = ['account', 'contact', 'deal', 'invoice', 'project', 'contract'] as const
