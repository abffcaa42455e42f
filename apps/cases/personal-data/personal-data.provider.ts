import { APP_CONFIG, type AppConfig } from '@app/config';
import { LOGGER } from '@app/runtime';
import type { Logger } from 'pino';
import { createHash } from 'node:crypto';
import { IdNumberProtector } from './protect.js';

/**
 * The protector of personal data at rest. Its key is PERSONAL_DATA_KEY; the demo, which has none,
 * derives a fixed one (its data is not real), and says so.
 */
export const personalDataProvider = {
  provide: IdNumberProtector,
  inject: [APP_CONFIG, LOGGER],
  useFactory: (config: AppConfig, logger: Logger) => {
    if (config.personalDataKey) return new IdNumberProtector(Buffer.from(config.personalDataKey, 'hex'));
    if (!config.demoData) throw new Error('PERSONAL_DATA_KEY is required: it protects ID numbers and phones at rest');
    logger.warn('PERSONAL_DATA_KEY unset: the demo protects personal data with a fixed, public key');
    return new IdNumberProtector(createHash('sha256').update('service-network demo key').digest());
  },
};
