import 'reflect-metadata';
import { runServiceMain } from '@app/runtime';
import { agentsService } from './agents.service-def.js';

await runServiceMain(agentsService);
