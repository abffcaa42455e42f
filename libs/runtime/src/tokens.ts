/** Injection tokens of the service runtime. */
export const LOGGER = Symbol('LOGGER');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const BUS_RUNTIME = Symbol('BUS_RUNTIME');
