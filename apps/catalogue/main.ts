import 'reflect-metadata';
import { runServiceMain } from '@app/runtime';
import { catalogueService } from './catalogue.service-def.js';

await runServiceMain(catalogueService);
