import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://localhost:3000';

// Browser navigations under /orgs are app screens (/orgs/:slug/reviews); only machine requests there
// (DID documents, public profiles as JSON) belong to the server.
const appScreensUnderOrgs: ProxyOptions['bypass'] = (req) =>
  req.headers.accept?.includes('text/html') ? '/index.html' : undefined;

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // Everything the Fastify server answers itself; forwarding it keeps the session cookie same-origin,
    // exactly as in production where the server serves this build.
    proxy: {
      '/api': apiServer,
      '/openapi.json': apiServer,
      '/docs': apiServer,
      '/.well-known': apiServer,
      '/orgs': { target: apiServer, bypass: appScreensUnderOrgs },
    },
  },
});
