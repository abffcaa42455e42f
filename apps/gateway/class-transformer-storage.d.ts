// class-transformer ships its metadata storage without a typed entry point; the schema generator needs it to follow @Type().
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
