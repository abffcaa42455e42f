import 'reflect-metadata';
import { runServiceMain } from '@app/runtime';
import { identityService } from './identity.service-def.js';

await runServiceMain(identityService);
