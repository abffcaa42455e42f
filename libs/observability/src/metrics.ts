import { AggregatorRegistry, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';

export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** A metrics registry per service, so one process can host several services without clashes. */
export function createServiceRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  return registry;
}

/** Merges the JSON metrics of several registries (one per service, possibly other processes). */
export function mergeMetrics(parts: MetricsJson[]): Registry {
  return AggregatorRegistry.aggregate(parts);
}
