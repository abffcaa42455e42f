import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?limit=&cursor=` of every list (DESIGN §6). */
export class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  /** Opaque and tamper-proof; bound to the principal and the query that made it. */
  @IsOptional() @IsString() @MaxLength(2000)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
