import 'reflect-metadata';
import { connectNatsBus } from '@app/messaging';
import { createRootLogger } from '@app/observability';
import { loadConfigOrExit, runUntilSignal } from '@app/runtime';
import { createGatewayApp, listenGateway } from './gateway.app.js';

const config = loadConfigOrExit();
const logger = createRootLogger(config.log);
if (!config.bus.natsUrl) {
  logger.fatal('NATS_URL is required to run the gateway on its own (npm start runs every service with an in-process bus).');
  process.exit(1);
}
await runUntilSignal(logger, async () => {
  const bus = await connectNatsBus(config, 'gateway', logger);
  const app = await createGatewayApp(config, bus, logger);
  const url = await listenGateway(app, config);
  logger.info(`gateway listening on ${url}`);
  return async () => {
    await app.close();
    await bus.close();
  };
});
