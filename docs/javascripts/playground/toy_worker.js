// toyviz playground — a Web Worker that trains toy seeds off the main thread ("run 1,000 seeds").
// Message in: {job, config (train()'s settings without seed), seeds: [s, ...], record: checkpoint
// steps, tolerances}. Out, one per seed: {job, seed, label, loss, W, b} (W, b as float32 bits), then
// {job, done: true}. The page hands each worker a few seeds at a time and stops a run by terminating.
importScripts("rng_tables.js", "rng.js", "toy_engine.js", "classifier.js");

self.onmessage = (event) => {
  const { job, config, seeds, record, tolerances } = event.data;
  const { toy, classifier } = self.toyviz.playground;
  for (const seed of seeds) {
    const r = toy.train(Object.assign({}, config, { seed, record }));
    const label = classifier.outcome(r.history, config.n, config.m || 2, tolerances);
    self.postMessage({ job, seed, label, loss: r.loss, W: Array.from(new Uint32Array(r.W.buffer)),
      b: Array.from(new Uint32Array(r.b.buffer)) });
  }
  self.postMessage({ job, done: true });
};
