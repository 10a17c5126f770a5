// Load generator, run as its own process so it does not share the servers' event loop.
//   node bench/load.js <json options>   prints autocannon's result as JSON
// options: { url, method, token, durationSeconds, connections, identifiers?: string[], batchSize?: number, issuer? }
const autocannon = require('autocannon');
const options = JSON.parse(process.argv[2]);
const pick = () => options.identifiers[Math.floor(Math.random() * options.identifiers.length)];

const instance = autocannon(
  {
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: options.method,
        setupRequest: (request) => {
          if (options.mode === 'single') {
            request.path = `${new URL(options.url).pathname}?issuer=${options.issuer}&scheme=TIN&identifier=${pick()}`;
          } else if (options.mode === 'batch') {
            const operators = Array.from({ length: options.batchSize }, () => ({ issuer: options.issuer, scheme: 'TIN', identifier: pick() }));
            request.body = JSON.stringify({ operators });
          }
          return request;
        },
      },
    ],
  },
  (error, result) => {
    if (error) {
      console.error(error);
      process.exit(1);
    }
    process.stdout.write(
      JSON.stringify({
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
        total: result.requests.total,
      }),
    );
  },
);
autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
