// toyviz playground — a Web Worker that trains toy seeds off the main thread ("run 1,000 seeds").
// Message in: {job, config (train()'s settings without seed), seeds: [s, ...], record: checkpoint
// steps, tolerances}. Out, once the seeds are trained: {job, results: [{seed, label, loss, W, b}]}
// (W, b as float32 bits): one message per few seeds keeps the page's own work small. The page hands
// each worker a few seeds at a time and stops a run by terminating the workers.
importScripts("rng_tables.js", "rng.js", "toy_engine.js", "classifier.js");

self.onmessage = (event) => {
  const { job, config, seeds, record, tolerances } = event.data;
  const { toy, classifier } = self.toyviz.playground;
  const results = seeds.map((seed) => {
    const r = toy.train(Object.assign({}, config, { seed, record }));
    return { seed, label: classifier.outcome(r.history, config.n, config.m || 2, tolerances), loss: r.loss,
      W: Array.from(new Uint32Array(r.W.buffer)), b: Array.from(new Uint32Array(r.b.buffer)) };
  });
  self.postMessage({ job, results });
};
