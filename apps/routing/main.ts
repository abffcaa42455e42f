import 'reflect-metadata';
import { runServiceMain } from '@app/runtime';
import { routingService } from './routing.service-def.js';

await runServiceMain(routingService);
