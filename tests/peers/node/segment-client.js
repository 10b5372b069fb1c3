// Drives Segment's official Node library (@segment/analytics-node) against a TriggerFlow host,
// unchanged: the calls below go through its own queue, batching and HTTP publisher to /v1/batch.
//
//   node segment-client.js HOST WRITE_KEY USER_ID
//
// Prints one JSON object on stdout: `failures` (every error callback and every 'error' event the
// library raised), `responses` (the status and body of each HTTP answer it got) and `sent` (how many
// calls were made). The tests assert on it; the exit code is 0 whenever the script itself ran.
'use strict';

const { Analytics } = require('@segment/analytics-node');

const [host, writeKey, userId] = process.argv.slice(2);
if (!host || !writeKey || !userId) {
  console.error('usage: node segment-client.js HOST WRITE_KEY USER_ID');
  process.exit(2);
}

const failures = [];
const responses = [];
const describe = (reason) => (reason instanceof Error ? `${reason.name}: ${reason.message}` : JSON.stringify(reason));

const analytics = new Analytics({
  writeKey,
  host,
  path: '/v1/batch',
  // One batch for all the calls below, sent when closeAndFlush() is called; no retry, so a refusal shows at once.
  flushAt: 100,
  flushInterval: 60000,
  maxRetries: 0,
  // The library's own fetch-based client is used; this only keeps a copy of each answer for the report.
  httpClient: async (url, init) => {
    const response = await fetch(url, init);
    responses.push({ status: response.status, body: await response.clone().text() });
    return response;
  },
});

analytics.on('error', (error) => failures.push({ source: 'error event', code: error.code, reason: describe(error.reason) }));
const callback = (call) => (error) => {
  if (error) {
    failures.push({ source: `callback of ${call}`, reason: describe(error) });
  }
};

const calls = [
  ['identify', { userId, traits: { email: 'ada@example.com', firstName: 'Ada', shoe_size: 38 } }],
  ['track', { userId, event: 'Product Viewed', properties: { product_id: 'sku-1', category: 'shoes', price: 59.9 } }],
  ['track', { userId, event: 'Coupon Entered', properties: { coupon_id: 'WELCOME10' } }],
  ['track', { userId, event: 'Product Added', properties: { cart_id: 'cart-7', product_id: 'sku-1', category: 'shoes', price: 59.9, quantity: 1 } }],
  ['track', { userId, event: 'Order Completed', properties: { order_id: 'order-9', revenue: 59.9, products: [{ product_id: 'sku-1', price: 59.9, quantity: 1 }] } }],
];

for (const [call, params] of calls) {
  analytics[call](params, callback(`${call} ${params.event ?? ''}`.trim()));
}

analytics
  .closeAndFlush({ timeout: 30000 })
  .then(() => console.log(JSON.stringify({ sent: calls.length, failures, responses })))
  .catch((error) => {
    failures.push({ source: 'closeAndFlush', reason: describe(error) });
    console.log(JSON.stringify({ sent: calls.length, failures, responses }));
  });
