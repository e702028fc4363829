import Fastify from 'fastify';

// The yardstick: a bare Fastify route that takes the same body and answers a constant.
const app = Fastify();
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
app.post('/v1/transmissions', async (_request, reply) => reply.type('text/plain').send('ok\n'));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ address })}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
