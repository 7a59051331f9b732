// A stand-in for the video providers' image hosts, for the server's thumbnail fetches
// (VIDEO_PROVIDER_ORIGIN in playwright.config.ts): the journeys have no internet. Every
// YouTube picture is the same small PNG; /healthz tells Playwright it is up.
import http from 'node:http';

const port = Number(process.env.STUB_PORT ?? 3199);
// A 4x3 opaque PNG (the server decodes it and stores it as a JPEG).
const picture = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4UaEBRww4OQBQxhDhqjivfwAAAABJRU5ErkJggg==',
  'base64',
);

http
  .createServer((request, response) => {
    if (request.url === '/healthz') {
      response.writeHead(200).end('ok');
    } else if (/^\/vi\/[\w-]{11}\/hqdefault\.jpg$/.test(request.url ?? '')) {
      response.writeHead(200, { 'content-type': 'image/png' }).end(picture);
    } else {
      response.writeHead(404).end();
    }
  })
  .listen(port, '127.0.0.1');
