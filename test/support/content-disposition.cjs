// Jest only (see jest.config.js): content-disposition 3 is ESM-only and jest on Node 20 cannot
// require() an ES module, while @fastify/static 10 (required by @nestjs/platform-fastify 12)
// requires it at load time. Only reply.download() calls it, and nothing in this project does.
module.exports = {
  create() {
    throw new Error('content-disposition is not available under jest');
  },
};
