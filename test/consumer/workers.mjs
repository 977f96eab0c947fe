// Consumer (5): two worker threads (worker.mjs) load the native addon from the installed package at once.
import { Worker } from 'node:worker_threads';

const start = () =>
  new Promise((ok, fail) => {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url));
    worker.once('message', ok).once('error', fail);
  });
console.log(JSON.stringify(await Promise.all([start(), start()])));
