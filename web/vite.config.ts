import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { organisationAreas } from './src/navigation/navigation.js';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://localhost:3000';

// /orgs is shared: the app's organisation screens (/orgs/:slug/members) and the server's public
// documents (/orgs/:slug/did.json, /orgs/:slug/achievements/:achievement, which has an HTML form too).
// Only a browser navigation to one of the app's own screens stays here.
// Deeper app screens (the achievement editor, a review) live under paths the server never serves.
const deeperAppScreens = ['achievements/edit/[^/]+', 'reviews/[^/]+'];
const appScreen = new RegExp(`^/orgs/[^/]+(/(${[...organisationAreas.map((area) => area.segment), ...deeperAppScreens].join('|')}))?/?$`);
const appScreensUnderOrgs: ProxyOptions['bypass'] = (req) => {
  const path = (req.url ?? '').split('?')[0] ?? '';
  return req.headers.accept?.includes('text/html') && appScreen.test(path) ? '/index.html' : undefined;
};

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
