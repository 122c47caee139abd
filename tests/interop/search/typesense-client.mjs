// The typesense client the search tests drive, pointed at a running Homeport: one node over
// loopback, no retries (a test sees the server's first answer), quiet logging.
import Typesense from 'typesense';

export function typesenseClient(homeport, { apiKey = homeport.secrets.search.api_key, timeoutSeconds = 10 } = {}) {
  return new Typesense.Client({
    nodes: [{ host: '127.0.0.1', port: homeport.ports.search, protocol: 'http' }],
    apiKey,
    connectionTimeoutSeconds: timeoutSeconds,
    numRetries: 0,
    logLevel: 'silent',
  });
}
