import 'reflect-metadata';
import { runServiceMain } from '@app/runtime';
import { casesService } from './cases.service-def.js';

await runServiceMain(casesService);
