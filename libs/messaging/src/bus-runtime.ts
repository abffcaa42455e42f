import type { AppConfig } from '@app/config';
import { ClientNats, NatsRecordBuilder, ServerNats, type MicroserviceOptions, type NatsOptions } from '@nestjs/microservices';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { BusClient } from './bus-client.js';
import type { EventTransport } from './events/event-transport.js';
import { InProcessHub } from './in-process/in-process-hub.js';
import { InProcessClient, type InProcessRecord } from './in-process/in-process.client.js';
import { InProcessServer } from './in-process/in-process.server.js';
import { InProcessEventTransport } from './in-process/in-process.transport.js';
import { JetStreamTransport } from './nats/jetstream.transport.js';

/** Everything one service (or the gateway) needs from the bus, whichever adapter is behind it. */
export interface BusRuntime {
  kind: 'nats' | 'in-process';
  client: BusClient;
  events: EventTransport;
  /** Options for NestFactory.createMicroservice serving this service's @MessagePattern handlers. */
  serverOptions(queue: string): MicroserviceOptions;
  isConnected(): boolean;
  close(): Promise<void>;
}

/** Nest's NATS server, subscribing to the namespaced subjects of its @MessagePattern handlers. */
class NamespacedServerNats extends ServerNats {
  constructor(
    options: NonNullable<NatsOptions['options']>,
    private readonly prefix: string,
  ) {
    super(options);
  }

  override async listen(callback: (...optionalParams: unknown[]) => unknown) {
    if (this.prefix) {
      for (const [pattern, handler] of [...this.messageHandlers]) {
        this.messageHandlers.delete(pattern);
        this.messageHandlers.set(this.prefix + pattern, handler);
      }
    }
    return super.listen(callback);
  }
}

/** NATS: one connection (Nest's ClientNats) for requests and JetStream; the Nest server makes its own. */
export async function connectNatsBus(config: AppConfig, name: string, logger: Logger): Promise<BusRuntime> {
  const servers = config.bus.natsUrl!.split(',');
  // NATS_USER/NATS_PASSWORD: this app's own NATS user (its subject permissions live on the server).
  const credentials = config.bus.natsUser ? { user: config.bus.natsUser, pass: config.bus.natsPassword } : {};
  const proxy = new ClientNats({ servers, name, maxReconnectAttempts: -1, reconnectTimeWait: 500, ...credentials });
  await proxy.connect();
  const nc = proxy.unwrap<NatsConnection>();
  const prefix = config.bus.namespace ? `${config.bus.namespace}.` : '';
  const events = new JetStreamTransport(
    nc,
    { replicas: config.events.streamReplicas, duplicateWindowS: config.events.duplicateWindowS, maxAgeDays: 7, concurrency: 8, namespace: config.bus.namespace },
    logger,
  );
  const client = new BusClient(
    proxy,
    (data, headers) => {
      const h = natsHeaders();
      for (const [k, v] of Object.entries(headers)) h.set(k, v);
      return new NatsRecordBuilder(data).setHeaders(h).build();
    },
    config.bus.requestTimeoutMs,
    prefix,
  );
  return {
    kind: 'nats',
    client,
    events,
    serverOptions: (queue) => ({
      strategy: new NamespacedServerNats(
        { servers, queue, name: `${name}-server`, maxReconnectAttempts: -1, reconnectTimeWait: 500, gracefulShutdown: true, gracePeriod: 1000, ...credentials },
        prefix,
      ),
    }),
    isConnected: () => !nc.isClosed(),
    close: async () => {
      await proxy.close();
    },
  };
}

/** The in-process adapter: every service of the process shares one hub. */
export function inProcessBus(hub: InProcessHub, config: AppConfig): BusRuntime {
  const client = new BusClient(new InProcessClient(hub), (data, headers): InProcessRecord => ({ data, headers }), config.bus.requestTimeoutMs);
  return {
    kind: 'in-process',
    client,
    events: new InProcessEventTransport(hub),
    serverOptions: () => ({ strategy: new InProcessServer(hub) }),
    isConnected: () => true,
    close: async () => undefined,
  };
}


