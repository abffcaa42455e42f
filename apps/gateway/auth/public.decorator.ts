import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'http:public';
/** A route anyone may call without a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
