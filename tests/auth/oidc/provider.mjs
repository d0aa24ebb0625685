// oidc-provider (panva) on 127.0.0.1 for mcptui's interop tests. Test-only configuration.
//
// usage: node provider.mjs RESOURCE_URL RS_CLIENT_SECRET
// Prints "oidc-provider listening on ISSUER" once bound. Features on: dynamic registration,
// resource indicators (RESOURCE_URL with scopes "mcp:read notes:write", opaque tokens),
// introspection (for the resource server's client "mcp-rs"), revocation, device flow,
// refresh token rotation, and the built-in dev interactions (any login, then consent).
import http from 'node:http';
import Provider, { errors } from 'oidc-provider';

const [resource, rsSecret] = process.argv.slice(2);
if (!resource || !rsSecret) {
  console.error('usage: node provider.mjs RESOURCE_URL RS_CLIENT_SECRET');
  process.exit(2);
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'mcp-rs',
        client_secret: rsSecret,
        grant_types: [],
        response_types: [],
        redirect_uris: [],
      },
    ],
    scopes: ['openid', 'offline_access'],
    rotateRefreshToken: true,
    cookies: { keys: ['mcptui-test-only-cookie-key'] },
    findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
      deviceFlow: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx, client, oneOf) => oneOf || resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return { scope: 'mcp:read notes:write', audience: resource, accessTokenFormat: 'opaque', accessTokenTTL: 600 };
        },
      },
    },
  });
  server.on('request', provider.callback());
  console.log(`oidc-provider listening on ${issuer}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
