export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');
export const GATEWAY_REGISTRY = Symbol('GATEWAY_REGISTRY');
export const GATEWAY_BUS = Symbol('GATEWAY_BUS');
