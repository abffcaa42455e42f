import type { OpenAPIObject } from '@nestjs/swagger';
import type { Type } from '@nestjs/common';

const ROUTE_ARGS = '__routeArguments__';
const QUERY = 4;
const PARAM = 5;

interface JsonSchema {
  properties?: Record<string, object>;
  required?: string[];
}

/**
 * Query and path parameters of every operation, from the DTO classes the controllers take
 * (`@Query() q: ListCasesQuery`, `@Param() p: CaseIdParam`) and their class-validator schemas:
 * Nest's swagger sees no parameters on such classes without @ApiProperty, so they are added here.
 */
export function documentInputs(document: OpenAPIObject, controllers: Type[], schemas: Record<string, JsonSchema>): void {
  const byName = new Map(controllers.map((c) => [c.name, c]));
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as { operationId?: string; parameters?: { name: string; in: string }[] }[]) {
      const [controllerName, method] = op.operationId?.split('_') ?? [];
      const controller = byName.get(controllerName);
      if (!controller || !method) continue;
      const args: Record<string, { index: number; data?: string }> = Reflect.getMetadata(ROUTE_ARGS, controller, method) ?? {};
      const types: Type[] = Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? [];
      for (const [key, arg] of Object.entries(args)) {
        const kind = Number(key.split(':')[0]);
        if ((kind !== QUERY && kind !== PARAM) || arg.data) continue;
        const schema = mergedSchema(types[arg.index], schemas);
        if (!schema.properties) continue;
        const place = kind === QUERY ? 'query' : 'path';
        const existing = new Set((op.parameters ?? []).map((p) => `${p.in}:${p.name}`));
        for (const [name, property] of Object.entries(schema.properties)) {
          if (existing.has(`${place}:${name}`)) continue;
          op.parameters = [...(op.parameters ?? []), { name, in: place, required: place === 'path' || (schema.required ?? []).includes(name), schema: property } as never];
        }
      }
    }
  }
}

/** A DTO's schema with the properties of the classes it extends (PageQuery's limit and cursor). */
function mergedSchema(type: Type | undefined, schemas: Record<string, JsonSchema>): JsonSchema {
  const merged: JsonSchema = { properties: {}, required: [] };
  for (let t: unknown = type; typeof t === 'function' && t !== Object && t !== Function.prototype; t = Object.getPrototypeOf(t)) {
    const own = schemas[(t as Type).name];
    merged.properties = { ...own?.properties, ...merged.properties };
    merged.required = [...(merged.required ?? []), ...(own?.required ?? [])];
  }
  return Object.keys(merged.properties ?? {}).length ? merged : {};
}
