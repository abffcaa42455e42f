import { requestSubject } from '../subjects.js';

export const CatalogueSubjects = {
  search: requestSubject('catalogue', 'search'),
  getItem: requestSubject('catalogue', 'get-item'),
  stats: requestSubject('catalogue', 'stats'),
  createItem: requestSubject('catalogue', 'create-item'),
  updateItem: requestSubject('catalogue', 'update-item'),
  publishItem: requestSubject('catalogue', 'publish-item'),
  retireItem: requestSubject('catalogue', 'retire-item'),
  listVersions: requestSubject('catalogue', 'list-versions'),
  startImport: requestSubject('catalogue', 'start-import'),
  getImport: requestSubject('catalogue', 'get-import'),
  exportItems: requestSubject('catalogue', 'export'),
} as const;

export const CatalogueEvents = {
  itemPublished: 'v1.catalogue.item.published',
  itemRetired: 'v1.catalogue.item.retired',
  allItems: 'v1.catalogue.item.*',
} as const;
